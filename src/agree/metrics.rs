//! Inter-annotator agreement coefficients, computed exactly as the standard Python
//! implementations do (so their figures can be compared to 1e-9): Cohen's κ as
//! scikit-learn's `cohen_kappa_score`, Fleiss' κ as statsmodels' `fleiss_kappa`, and
//! Krippendorff's α (nominal and ordinal) as the `krippendorff` package.
//!
//! Ratings are small integers (category indices); a missing rating is `None`. A
//! coefficient that is undefined for the data (no variation at all, too few ratings)
//! is an [`Undefined`] with the reason, never NaN.

use thiserror::Error;

/// Why a coefficient has no value for these ratings.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct Undefined(pub String);

/// The distance between categories that Krippendorff's α uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Categories are only equal or different.
    Nominal,
    /// Categories are ranked (index order); distance grows with the ratings between them.
    Ordinal,
}

/// Cohen's κ of two raters over the same units (scikit-learn's `cohen_kappa_score`,
/// unweighted).
pub fn cohen_kappa(a: &[u32], b: &[u32]) -> Result<f64, Undefined> {
    if a.len() != b.len() || a.is_empty() {
        return Err(Undefined("the raters share no units".to_owned()));
    }
    let n_cat = a.iter().chain(b).max().map_or(0, |&m| m as usize + 1);
    let mut confusion = vec![vec![0.0f64; n_cat]; n_cat];
    for (&x, &y) in a.iter().zip(b) {
        confusion[x as usize][y as usize] += 1.0;
    }
    let total = a.len() as f64;
    let row: Vec<f64> = (0..n_cat).map(|i| confusion[i].iter().sum()).collect();
    let col: Vec<f64> = (0..n_cat)
        .map(|j| confusion.iter().map(|r| r[j]).sum())
        .collect();
    let (mut observed, mut expected) = (0.0, 0.0);
    for i in 0..n_cat {
        for j in 0..n_cat {
            if i != j {
                observed += confusion[i][j];
                // sklearn: np.outer(sum0, sum1) / n, sum0 the column sums.
                expected += col[i] * row[j] / total;
            }
        }
    }
    if expected == 0.0 {
        return Err(Undefined(
            "both raters gave every unit the same label, so chance agreement is total".to_owned(),
        ));
    }
    Ok(1.0 - observed / expected)
}

/// Fleiss' κ (statsmodels' `fleiss_kappa`, method "fleiss") from a table of counts: one
/// row per unit, one column per category, each row summing to the number of raters.
pub fn fleiss_kappa(table: &[Vec<u32>]) -> Result<f64, Undefined> {
    let p_mean = percent_agreement(table)?;
    let n_cat = table.iter().map(Vec::len).max().unwrap_or(0);
    let total: f64 = table.iter().flatten().map(|&c| f64::from(c)).sum();
    let p_expected: f64 = (0..n_cat)
        .map(|j| {
            let p = table
                .iter()
                .map(|row| f64::from(row.get(j).copied().unwrap_or(0)))
                .sum::<f64>()
                / total;
            p * p
        })
        .sum();
    if p_expected == 1.0 {
        return Err(Undefined(
            "every rating is the same label, so chance agreement is total".to_owned(),
        ));
    }
    Ok((p_mean - p_expected) / (1.0 - p_expected))
}

/// The mean agreement over all pairs of raters and units (Fleiss' P̄): for two raters, the
/// share of units they label the same.
pub fn percent_agreement(table: &[Vec<u32>]) -> Result<f64, Undefined> {
    let n_raters = table
        .iter()
        .map(|row| row.iter().sum::<u32>())
        .max()
        .unwrap_or(0);
    if table.is_empty() || n_raters < 2 {
        return Err(Undefined("it needs two or more raters per unit".to_owned()));
    }
    let n = f64::from(n_raters);
    Ok(table
        .iter()
        .map(|row| {
            let squares: f64 = row.iter().map(|&c| f64::from(c) * f64::from(c)).sum();
            (squares - n) / (n * (n - 1.0))
        })
        .sum::<f64>()
        / table.len() as f64)
}

/// Krippendorff's α (the `krippendorff` package's `alpha`): `ratings[r][u]` is rater
/// `r`'s category for unit `u`, or `None`. Categories are `0..n_categories`; for the
/// ordinal level their order is their index order.
pub fn krippendorff_alpha(
    ratings: &[Vec<Option<u32>>],
    n_categories: usize,
    level: Level,
) -> Result<f64, Undefined> {
    let n_units = ratings.iter().map(Vec::len).max().unwrap_or(0);
    // The coincidence matrix: within each unit with two or more values, every ordered
    // pair of values from different raters, weighted 1 / (m_u - 1).
    let mut coincidences = vec![vec![0.0f64; n_categories]; n_categories];
    let mut counts = vec![0u32; n_categories];
    for unit in 0..n_units {
        counts.fill(0);
        let mut m = 0u32;
        for rater in ratings {
            if let Some(Some(value)) = rater.get(unit) {
                let Some(slot) = counts.get_mut(*value as usize) else {
                    return Err(Undefined(format!(
                        "a rating {value} is outside the {n_categories} categories"
                    )));
                };
                *slot += 1;
                m += 1;
            }
        }
        if m < 2 {
            continue;
        }
        let weight = 1.0 / f64::from(m - 1);
        for c in 0..n_categories {
            if counts[c] == 0 {
                continue;
            }
            for k in 0..n_categories {
                let pairs = if c == k {
                    f64::from(counts[c]) * f64::from(counts[c] - 1)
                } else {
                    f64::from(counts[c]) * f64::from(counts[k])
                };
                coincidences[c][k] += pairs * weight;
            }
        }
    }
    let n_v: Vec<f64> = (0..n_categories)
        .map(|k| coincidences.iter().map(|row| row[k]).sum())
        .collect();
    let n: f64 = n_v.iter().sum();
    if n <= 1.0 {
        return Err(Undefined(
            "no unit has two or more ratings to compare".to_owned(),
        ));
    }
    let distance = |c: usize, k: usize| -> f64 {
        match level {
            Level::Nominal => f64::from(u8::from(c != k)),
            Level::Ordinal => {
                let (lo, hi) = (c.min(k), c.max(k));
                let between: f64 = n_v[lo..=hi].iter().sum();
                let d = between - (n_v[lo] + n_v[hi]) / 2.0;
                d * d
            }
        }
    };
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..n_categories {
        for k in 0..n_categories {
            let d = distance(c, k);
            if d == 0.0 {
                continue;
            }
            observed += coincidences[c][k] * d;
            let chance = if c == k {
                n_v[c] * n_v[k] - n_v[c]
            } else {
                n_v[c] * n_v[k]
            };
            expected += chance / (n - 1.0) * d;
        }
    }
    if expected == 0.0 {
        return Err(Undefined(
            "all ratings are the same value, so there is no variation to agree on".to_owned(),
        ));
    }
    Ok(1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_values() {
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the nominal
        // example with missing values: α = 0.743.
        let data: Vec<Vec<Option<u32>>> = [
            "1 2 3 3 2 1 4 1 2 . . .",
            "1 2 3 3 2 2 4 1 2 5 . 3",
            ". 3 3 3 2 3 4 2 2 5 1 .",
            "1 2 3 3 2 4 4 1 2 5 1 .",
        ]
        .iter()
        .map(|row| {
            row.split(' ')
                .map(|v| v.parse::<u32>().ok().map(|v| v - 1))
                .collect()
        })
        .collect();
        let alpha = krippendorff_alpha(&data, 5, Level::Nominal).expect("defined");
        assert!((alpha - 0.743).abs() < 5e-4, "{alpha}");
        // Perfect agreement and no variation.
        let same = vec![vec![Some(1); 4], vec![Some(1); 4]];
        assert!(krippendorff_alpha(&same, 3, Level::Nominal).is_err());
        assert!(cohen_kappa(&[1, 1], &[1, 1]).is_err());
        assert_eq!(cohen_kappa(&[0, 1, 0, 1], &[0, 1, 0, 1]), Ok(1.0));
        assert!(fleiss_kappa(&[vec![2, 0], vec![2, 0]]).is_err());
    }
}
