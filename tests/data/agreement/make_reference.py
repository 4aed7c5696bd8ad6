"""Reference agreement figures from the standard Python implementations, for
tests/agreement.rs. Regenerate with (in a venv):

    pip install krippendorff scikit-learn statsmodels numpy
    python tests/data/agreement/make_reference.py > tests/data/agreement/reference.json

Each case is reviewers x sentences: `claim` (1 = the sentence is in a claim) and
`verdict` (an index into the seven rated verdicts true, mostly-true, half-true,
mostly-false, false, misleading, unverifiable; null = unrated or no claim). Figures that
the libraries leave undefined (nan) are null.
"""
import itertools, json, math, sys, warnings

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

warnings.simplefilter("ignore")
ORDINAL = [0, 1, 2, 3, 4]  # true .. false; misleading (5) and unverifiable (6) are missing


def num(x):
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


def alpha(rows, level):
    data = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    try:
        return num(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    except Exception:
        return None


def figures(claim, verdict):
    n = len(claim)
    claim_np = np.array(claim)
    table, _ = aggregate_raters(claim_np.T, n_cat=2)
    agree = [np.mean(claim_np[a] == claim_np[b]) for a, b in itertools.combinations(range(n), 2)]
    rated = [u for u in range(len(claim[0])) if any(verdict[r][u] is not None for r in range(n))]
    ordinal = [[(verdict[r][u] if verdict[r][u] in ORDINAL else None) for u in rated] for r in range(n)]
    nominal = [[verdict[r][u] for u in rated] for r in range(n)]
    return {
        "claim": {
            "percent": float(np.mean(agree)),
            "fleiss_kappa": num(fleiss_kappa(table, method="fleiss")),
            "krippendorff_alpha": alpha(claim, "nominal"),
            "cohen_kappa": [
                {"a": a, "b": b, "value": num(cohen_kappa_score(claim[a], claim[b]))}
                for a, b in itertools.combinations(range(n), 2)
            ],
        },
        "verdict": {
            "units": len(rated),
            "alpha_ordinal": alpha(ordinal, "ordinal"),
            "alpha_nominal": alpha(nominal, "nominal"),
        },
    }


def generated(rng, n_raters, n_units, skill):
    truth_claim = rng.random(n_units) < 0.3
    truth_verdict = rng.integers(0, 7, n_units)
    claim, verdict = [], []
    for _ in range(n_raters):
        c = np.where(rng.random(n_units) < skill, truth_claim, rng.random(n_units) < 0.3)
        v = np.where(rng.random(n_units) < skill, truth_verdict, rng.integers(0, 7, n_units))
        unrated = rng.random(n_units) < 0.15
        claim.append([int(x) for x in c])
        verdict.append([None if (not c[u] or unrated[u]) else int(v[u]) for u in range(n_units)])
    return claim, verdict


cases = []
rng = np.random.default_rng(20261122)
for idx, (n_raters, n_units, skill) in enumerate(
    [(2, 60, 0.8), (2, 200, 0.5), (3, 150, 0.7), (4, 300, 0.9), (5, 400, 0.6), (3, 40, 0.2), (5, 1000, 0.75)]
):
    claim, verdict = generated(rng, n_raters, n_units, skill)
    cases.append({"name": f"generated-{idx}", "claim": claim, "verdict": verdict})
# Edge cases: no variation at all; one reviewer marks nothing; nothing rated.
cases.append({"name": "nobody-marks-anything", "claim": [[0] * 20, [0] * 20], "verdict": [[None] * 20, [None] * 20]})
cases.append({"name": "all-agree-on-everything", "claim": [[1] * 10] * 3, "verdict": [[4] * 10] * 3})
cases.append({
    "name": "one-marks-nothing",
    "claim": [[0] * 10, [1, 0] * 5],
    "verdict": [[None] * 10, [0, None] * 5],
})
for case in cases:
    case["expected"] = figures(case["claim"], case["verdict"])
json.dump({"generator": "make_reference.py", "versions": {
    "krippendorff": krippendorff.__version__ if hasattr(krippendorff, "__version__") else "?",
    "scikit-learn": __import__("sklearn").__version__,
    "statsmodels": __import__("statsmodels").__version__,
    "numpy": np.__version__}, "cases": cases}, sys.stdout, indent=1)
sys.stdout.write("\n")
