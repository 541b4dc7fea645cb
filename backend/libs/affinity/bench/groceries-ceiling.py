"""How far can any model of "the rest of the basket" go on Groceries?  (python3 + numpy)

    python3 backend/libs/affinity/bench/groceries-ceiling.py

Same protocol and split as `npm run bench:affinity` (every 5th basket is test; the validation fold
is every 5th training basket; each item of a test basket with >= 2 items is hidden in turn and
ranked among the items not in the rest of the basket; ties broken by training popularity).

The model is trained directly on that task: a softmax regression from the basket's other items
(multi-hot, 169 inputs) to the hidden item (169 classes), items already in the basket masked out of
the softmax as they are at evaluation. It is the discriminative upper reference for any
item-to-item scorer (item-CF, EASE and rules are all linear in the same inputs). L2 strength is
chosen on the validation fold; the test baskets are scored once. Needs numpy; about 4 minutes on
2 cores. Writes bench-results/groceries-ceiling.json.
"""

import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get(
    "SHELFCAST_SHARED_DATA", os.path.join(ROOT, "../../../../../shared/data")
)


def load():
    names = {}
    baskets = []
    with open(os.path.join(DATA, "groceries", "groceries.csv")) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            items = {names.setdefault(x, len(names)) for x in line.split(",") if x}
            baskets.append(sorted(items))
    return baskets, len(names)


def every(seq, keep):
    return [b for i, b in enumerate(seq) if keep(i)]


def cases(baskets, n):
    xs, ys = [], []
    for b in baskets:
        if len(b) < 2:
            continue
        for h in range(len(b)):
            x = np.zeros(n)
            x[[v for j, v in enumerate(b) if j != h]] = 1
            xs.append(x)
            ys.append(b[h])
    return np.array(xs), np.array(ys)


def support(baskets, n):
    s = np.zeros(n)
    for b in baskets:
        s[b] += 1
    return s


def hit_rate(test, train, n, score, k=10):
    pop = support(train, n)
    tie = pop / (pop.max() + 1) * 1e-9
    hits = total = 0
    for b in test:
        if len(b) < 2:
            continue
        for h in range(len(b)):
            ctx = [v for j, v in enumerate(b) if j != h]
            s = score(ctx) + tie
            s[ctx] = -np.inf
            rank = 1 + np.sum(s > s[b[h]])
            total += 1
            hits += rank <= k
    return hits / total


def softmax_regression(train, n, l2, epochs=300, rate=0.05, seed=7):
    x, y = cases(train, n)
    onehot = np.zeros((len(y), n))
    onehot[np.arange(len(y)), y] = 1
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 1e-3, (n, n))
    c = np.zeros(n)
    state = [(np.zeros_like(w), np.zeros_like(w)), (np.zeros(n), np.zeros(n))]
    for t in range(1, epochs + 1):
        z = x @ w + c - 1e9 * x  # in-basket items cannot be the answer
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(1, keepdims=True)
        g = (p - onehot) / len(y)
        grads = [x.T @ g + l2 * w, g.sum(0)]
        for param, grad, (m, v) in zip((w, c), grads, state):  # Adam
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)

    def score(ctx):
        return w[ctx].sum(0) + c

    return score


def main():
    baskets, n = load()
    train = every(baskets, lambda i: i % 5 != 0)
    test = every(baskets, lambda i: i % 5 == 0)
    fit = every(train, lambda i: i % 5 != 0)
    validation = every(train, lambda i: i % 5 == 0)

    def popularity(tr):
        s = support(tr, n)
        return lambda ctx: s.copy()

    pop_val = hit_rate(validation, fit, n, popularity(fit))
    tuning = []
    for l2 in (1e-4, 3e-4, 1e-3, 3e-3):
        h = hit_rate(validation, fit, n, softmax_regression(fit, n, l2))
        tuning.append({"l2": l2, "hitRate": h, "ratio": h / pop_val})
        print(f"validation l2={l2:g}: {h:.2%} ({h / pop_val:.3f}x popularity {pop_val:.2%})", flush=True)
    chosen = max(tuning, key=lambda r: r["hitRate"])
    pop_test = hit_rate(test, train, n, popularity(train))
    model_test = hit_rate(test, train, n, softmax_regression(train, n, chosen["l2"]))
    print(
        f"test: softmax regression (l2={chosen['l2']:g}) {model_test:.2%}, popularity {pop_test:.2%}: "
        f"{model_test / pop_test:.3f}x"
    )
    os.makedirs("bench-results", exist_ok=True)
    with open("bench-results/groceries-ceiling.json", "w") as f:
        json.dump(
            {
                "validationPopularity": pop_val,
                "tuning": tuning,
                "chosenL2": chosen["l2"],
                "test": {"softmaxRegression": model_test, "popularity": pop_test, "ratio": model_test / pop_test},
                "numpy": np.__version__,
            },
            f,
            indent=2,
        )
    print("wrote bench-results/groceries-ceiling.json")


if __name__ == "__main__":
    sys.exit(main())
