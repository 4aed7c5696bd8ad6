//! Heights of the rows of a long, virtualised list (article paragraphs, aligned rows):
//! estimated for every row, replaced by the measured height once a row has been shown, and
//! summed into row tops so the visible rows can be found by binary search.

/// Row heights and the top of each row.
#[derive(Debug, Default)]
pub struct RowHeights {
    heights: Vec<f32>,
    /// `tops[i]` is the top of row `i`; the last entry is the total height.
    tops: Vec<f32>,
    /// Whether a measured height changed since the tops were summed.
    is_stale: bool,
}

impl RowHeights {
    /// Replaces every height with an estimate.
    pub fn set_estimates(&mut self, heights: Vec<f32>) {
        self.heights = heights;
        self.recompute();
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.heights.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    /// The top of row `idx` (the total height for `idx == len()`).
    pub fn top(&self, idx: usize) -> Option<f32> {
        self.tops.get(idx).copied()
    }

    /// The total height of all rows.
    pub fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The first row that reaches below `y`.
    pub fn first_at(&self, y: f32) -> usize {
        self.tops.partition_point(|&top| top <= y).saturating_sub(1)
    }

    /// Records the measured height of a row shown this frame.
    pub fn measured(&mut self, idx: usize, height: f32) {
        if let Some(slot) = self.heights.get_mut(idx)
            && (*slot - height).abs() > 0.5
        {
            *slot = height;
            self.is_stale = true;
        }
    }

    /// Sums the heights again if a measurement changed one; call once per frame.
    pub fn settle(&mut self) {
        if self.is_stale {
            self.recompute();
        }
    }

    fn recompute(&mut self) {
        self.tops.clear();
        let mut top = 0.0;
        for height in &self.heights {
            self.tops.push(top);
            top += height;
        }
        self.tops.push(top);
        self.is_stale = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tops_follow_measurements() {
        let mut rows = RowHeights::default();
        rows.set_estimates(vec![10.0, 10.0, 10.0]);
        assert_eq!(rows.total(), 30.0);
        assert_eq!(rows.first_at(15.0), 1);
        rows.measured(0, 25.0);
        rows.settle();
        assert_eq!(rows.top(1), Some(25.0));
        assert_eq!(rows.first_at(15.0), 0);
        assert_eq!(rows.total(), 45.0);
    }
}
