"""Calibrate sine_bias: the reference recipe, the mistakes, the trajectory check (not shipped
anywhere).

Run from the repository root, one thread (about 6 minutes for everything)::

    .venv/bin/python -m autograder.checks.sine_bias.calibrate            # the full table
    .venv/bin/python -m autograder.checks.sine_bias.calibrate --extra    # only the rows added in
    the repo

It imports the reference solution ``solutions/sine_bias/sine_bias.py`` and re-implements
each mistake as a loop or forward function, so every row runs the same recipe as the
graded checks (H, lr, steps as in the manifest's ``params``). The results are written up
in ``docs/calibration/sine_bias.md``.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import torch
from torch import Tensor
from torch.nn import functional as F  # noqa: N812

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "solutions" / "sine_bias"))
import sine_bias as sb

torch.set_num_threads(1)

SEEDS = list(range(50))  # nets with biases (Adam)
NB_SEEDS = list(range(200))  # no-bias net (cheap)
NOBIAS_MAX = 0.459  # pass: MSE <= this (floor 0.45855, zero predictor 0.47685)
NOBIAS_MIN = 0.4575  # pass: MSE >= this (a bias-free net cannot go below 0.45855)
BIAS_MAX = 0.02  # pass: MSE <= this for the nets with biases
LANDMARK_TOL = 0.3  # |f(pi/2) - 1| and |f(pi)| for the nets with biases
TRAJ_K = 20
TRAJ_RTOL, TRAJ_ATOL = 1e-3, 1e-5

GdSteps = Callable[..., list[float]]
AdamSteps = Callable[..., list[float]]
Forward = Callable[[torch.Tensor, sb.Params, str], torch.Tensor]


# ---------------------------------------------------------------- no-bias loops
def gd_no_zero_grad(
    x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, lr: float, steps: int
) -> list[float]:
    """(c) gradients are never zeroed, so they accumulate."""
    losses = []
    for _ in range(steps):
        loss = ((sb.forward_nobias(x, w1, w2) - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w1 -= lr * w1.grad
            w2 -= lr * w2.grad
        losses.append(loss.item())
    return losses


def gd_ascent(x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, lr: float, steps: int) -> list[float]:
    """(d) wrong sign: W += lr * grad."""
    losses = []
    for _ in range(steps):
        loss = ((sb.forward_nobias(x, w1, w2) - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            for w in (w1, w2):
                w += lr * w.grad
                w.grad.zero_()
        losses.append(loss.item())
    return losses


def gd_no_update(
    x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, lr: float, steps: int
) -> list[float]:
    """(e) computes losses and gradients but never updates."""
    losses = []
    for _ in range(steps):
        loss = ((sb.forward_nobias(x, w1, w2) - y) ** 2).mean()
        loss.backward()
        w1.grad.zero_()
        w2.grad.zero_()
        losses.append(loss.item())
    return losses


def gd_tiny_lr(x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, lr: float, steps: int) -> list[float]:
    """(f) ignores lr and uses 1e-8: nothing moves."""
    return sb.gd_steps(x, y, w1, w2, 1e-8, steps)


def gd_no_no_grad(
    x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, lr: float, steps: int
) -> list[float]:
    """(g) in-place update outside torch.no_grad()."""
    losses = []
    for _ in range(steps):
        loss = ((sb.forward_nobias(x, w1, w2) - y) ** 2).mean()
        loss.backward()
        w1 -= lr * w1.grad
        w2 -= lr * w2.grad
        w1.grad.zero_()
        w2.grad.zero_()
        losses.append(loss.item())
    return losses


def gd_sum_loss(x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, lr: float, steps: int) -> list[float]:
    """(h) summed instead of mean squared error (gradient N = 200 times larger)."""
    losses = []
    for _ in range(steps):
        loss = ((sb.forward_nobias(x, w1, w2) - y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            for w in (w1, w2):
                w -= lr * w.grad
                w.grad.zero_()
        losses.append(loss.item() / len(x))
    return losses


def gd_only_w2(x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, lr: float, steps: int) -> list[float]:
    """(i) updates W2 only (W1 frozen)."""
    losses = []
    for _ in range(steps):
        loss = ((sb.forward_nobias(x, w1, w2) - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w2 -= lr * w2.grad
        w1.grad.zero_()
        w2.grad.zero_()
        losses.append(loss.item())
    return losses


# Alternative CORRECT loops: they must pass the trajectory check.
def gd_alt_fmse(x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, lr: float, steps: int) -> list[float]:
    """Correct: F.mse_loss, mm/clamp, .data updates, grads set to None."""
    losses = []
    for _ in range(steps):
        loss = F.mse_loss(x.mm(w1).clamp(min=0).mm(w2), y)
        loss.backward()
        w1.data -= lr * w1.grad.data
        w2.data -= lr * w2.grad.data
        w1.grad = None
        w2.grad = None
        losses.append(loss.item())
    return losses


def gd_alt_zero_first(
    x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, lr: float, steps: int
) -> list[float]:
    """Correct: zero grads at the start of each step, sub_, sum / N loss."""
    losses = []
    for _ in range(steps):
        for w in (w1, w2):
            if w.grad is not None:
                w.grad.zero_()
        loss = ((y - F.relu(x @ w1) @ w2) ** 2).sum() / x.shape[0]
        loss.backward()
        with torch.no_grad():
            w1.sub_(lr * w1.grad)
            w2.sub_(w2.grad, alpha=lr)
        losses.append(loss.item())
    return losses


# ------------------------------------------------------------ with-bias variants
def fwd_no_bias(x: Tensor, p: sb.Params, act: str) -> Tensor:
    """(a) the 'with bias' net without any bias."""
    f = torch.tanh if act == "tanh" else torch.relu
    return f(x @ p["W1"]) @ p["W2"]


def fwd_bias_after(x: Tensor, p: sb.Params, act: str) -> Tensor:
    """(b) bias only after the activation: act(x W1) W2 + b2."""
    f = torch.tanh if act == "tanh" else torch.relu
    return f(x @ p["W1"]) @ p["W2"] + p["b2"]


def adam_with(forward: Forward, zero_grad: bool = True, train_biases: bool = True) -> AdamSteps:
    """Adam loop like sb.adam_steps but with a swapped forward / mistakes."""

    def steps_fn(
        x: Tensor, y: Tensor, params: sb.Params, act: str, lr: float, steps: int
    ) -> list[float]:
        names = ["W1", "b1", "W2", "b2"] if train_biases else ["W1", "W2"]
        opt = torch.optim.Adam([params[n] for n in names], lr=lr)
        sched = torch.optim.lr_scheduler.MultiStepLR(opt, [3 * steps // 4], gamma=0.1)
        losses = []
        for _ in range(steps):
            if zero_grad:
                opt.zero_grad()
            loss = ((forward(x, params, act) - y) ** 2).mean()
            loss.backward()
            opt.step()
            sched.step()
            losses.append(loss.item())
        return losses

    return steps_fn


def adam_alt(
    x: Tensor, y: Tensor, params: sb.Params, act: str, lr: float, steps: int
) -> list[float]:
    """Correct: F.mse_loss, other parameter order, zero_grad after step."""
    opt = torch.optim.Adam([params["b2"], params["W2"], params["b1"], params["W1"]], lr=lr)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=3 * steps // 4, gamma=0.1)
    f = torch.tanh if act == "tanh" else F.relu
    losses = []
    for _ in range(steps):
        h = f(x.mm(params["W1"]) + params["b1"])
        loss = F.mse_loss(h.mm(params["W2"]) + params["b2"], y)
        loss.backward()
        opt.step()
        opt.zero_grad()
        sched.step()
        losses.append(loss.item())
    return losses


# ---------------------------------------------------------------------- runners
X_TR, Y_TR = sb.make_train_data()


def run_nobias(gd: GdSteps, seed: int) -> float:
    w1, w2 = sb.init_nobias(sb.NOBIAS_HIDDEN, seed)
    gd(X_TR, Y_TR, w1, w2, sb.NOBIAS_LR, sb.NOBIAS_STEPS)
    return sb.eval_mse(lambda t: sb.forward_nobias(t, w1, w2))


def run_bias(adam: AdamSteps, forward: Forward, act: str, seed: int) -> tuple[float, float, float]:
    p = sb.init_bias(sb.BIAS_HIDDEN, seed)
    adam(X_TR, Y_TR, p, act, sb.BIAS_LR, sb.BIAS_STEPS)
    mse = sb.eval_mse(lambda t: forward(t, p, act))
    a, b = sb.landmark_predictions(lambda t: forward(t, p, act), verbose=False)
    return mse, a, b


def clean(v: float) -> float:
    return v if math.isfinite(v) else math.inf


def fmt(v: float) -> str:
    return "inf/nan" if not math.isfinite(v) else f"{v:.3e}" if v < 0.01 else f"{v:.5f}"


def row(name: str, vals: list[float], passes: Callable[[float], bool], note: str = "") -> None:
    vals = [clean(v) for v in vals]
    s = sorted(vals)
    n_pass = sum(passes(v) for v in vals)
    print(
        f"{name:<44} {fmt(s[0]):>10} {fmt(statistics.median(s)):>10} {fmt(s[-1]):>10}"
        f" {n_pass:>3}/{len(vals)} {note}"
    )


def header(title: str) -> None:
    print(f"\n{title}")
    print(f"{'variant':<44} {'min':>10} {'median':>10} {'max':>10} pass")


def main() -> None:
    t_start = time.time()
    x_ev, y_ev = sb.make_eval_grid()
    c_ev, floor_ev = sb.best_origin_line_mse(x_ev, y_ev)
    zero_ev = float((y_ev.double() ** 2).mean())
    c_tr, floor_tr = sb.best_origin_line_mse(X_TR, Y_TR)
    print("Evaluation grid: x = linspace(0, 10, 1001), float32, y = sin(x)")
    print(f"  best line through origin: c* = {c_ev:.6f}, MSE = {floor_ev:.6f}")
    print(f"  zero predictor:           MSE = {zero_ev:.6f}")
    print(f"Training grid: x_i = (i + 0.5) * 10 / 200, c* = {c_tr:.6f}, MSE = {floor_tr:.6f}")
    print(f"Seeds: no-bias {NB_SEEDS[0]}..{NB_SEEDS[-1]}, with biases {SEEDS[0]}..{SEEDS[-1]}")

    def nb_pass(v: float) -> bool:
        return NOBIAS_MIN <= v <= NOBIAS_MAX

    def b_pass(v: float) -> bool:
        return v <= BIAS_MAX

    # --- no-bias net
    header(
        f"No-bias net, hand-written GD (H={sb.NOBIAS_HIDDEN}, lr={sb.NOBIAS_LR}, "
        f"steps={sb.NOBIAS_STEPS}); pass: {NOBIAS_MIN} <= MSE <= {NOBIAS_MAX}"
    )
    times = []
    ref = []
    for s in NB_SEEDS:
        t0 = time.perf_counter()
        ref.append(run_nobias(sb.gd_steps, s))
        times.append(time.perf_counter() - t0)
    row("reference", ref, nb_pass)
    print(f"  reference excess over the floor: max {max(ref) - floor_ev:.2e}")
    inits = []
    for s in NB_SEEDS:
        w1, w2 = sb.init_nobias(sb.NOBIAS_HIDDEN, s)
        inits.append(sb.eval_mse(lambda t, w1=w1, w2=w2: sb.forward_nobias(t, w1, w2)))
    row("(init, untrained)", inits, nb_pass)
    for name, gd in [
        ("(c) grads never zeroed", gd_no_zero_grad),
        ("(d) gradient ascent (+=)", gd_ascent),
        ("(e) never updates", gd_no_update),
        ("(f) lr ignored, 1e-8", gd_tiny_lr),
        ("(h) sum loss instead of mean", gd_sum_loss),
        ("(i) only W2 updated [passes; traj. catches]", gd_only_w2),
        ("alt. correct: F.mse_loss/.data/grad=None", gd_alt_fmse),
        ("alt. correct: zero first/sub_/sum÷N", gd_alt_zero_first),
    ]:
        row(name, [run_nobias(gd, s) for s in NB_SEEDS], nb_pass)
    try:
        run_nobias(gd_no_no_grad, 0)
        print("(g) update outside no_grad: ran (unexpected)")
    except RuntimeError as err:
        print(f"(g) update outside no_grad: RuntimeError: {str(err).splitlines()[0][:70]}")
    print(
        f"timing no-bias reference: median {statistics.median(times):.3f} s, "
        f"max {max(times):.3f} s per run"
    )

    # --- nets with biases
    for act in ("tanh", "relu"):
        header(
            f"Net with biases, {act}, Adam (H={sb.BIAS_HIDDEN}, lr={sb.BIAS_LR}, "
            f"steps={sb.BIAS_STEPS}); pass: MSE <= {BIAS_MAX}"
        )
        times, res = [], []
        for s in SEEDS:
            t0 = time.perf_counter()
            res.append(run_bias(sb.adam_steps, sb.forward_bias, act, s))
            times.append(time.perf_counter() - t0)
        row("reference", [r[0] for r in res], b_pass)
        err_half = [abs(r[1] - 1.0) for r in res]
        err_pi = [abs(r[2]) for r in res]
        row("  reference |f(pi/2) - 1|", err_half, lambda v: v <= LANDMARK_TOL)
        row("  reference |f(pi)|", err_pi, lambda v: v <= LANDMARK_TOL)
        for name, adam, fwd in [
            ("(a) no bias at all", adam_with(fwd_no_bias), fwd_no_bias),
            (
                "(b) bias only after activation",
                adam_with(fwd_bias_after),
                fwd_bias_after,
            ),
            (
                "(j) Adam without zero_grad",
                adam_with(sb.forward_bias, zero_grad=False),
                sb.forward_bias,
            ),
            (
                "(k) biases not given to Adam [info]",
                adam_with(sb.forward_bias, train_biases=False),
                sb.forward_bias,
            ),
            ("alt. correct Adam loop", adam_alt, sb.forward_bias),
        ]:
            row(name, [run_bias(adam, fwd, act, s)[0] for s in SEEDS], b_pass)
        print(
            f"timing {act} reference: median {statistics.median(times):.3f} s, "
            f"max {max(times):.3f} s per run"
        )

    trajectory_report()
    print(f"\ntotal calibration time {time.time() - t_start:.0f} s")


# ------------------------------------------------------------ trajectory check
def traj_nobias(gd: GdSteps, seed: int = 0) -> tuple[bool, float]:
    """Run k steps of ``gd`` and the reference from the same start; compare."""
    ref_w = sb.init_nobias(sb.NOBIAS_HIDDEN, seed)
    ref_l = sb.gd_steps(X_TR, Y_TR, *ref_w, sb.NOBIAS_LR, TRAJ_K)
    w = sb.init_nobias(sb.NOBIAS_HIDDEN, seed)
    try:
        losses = gd(X_TR, Y_TR, *w, sb.NOBIAS_LR, TRAJ_K)
    except RuntimeError:
        return False, math.nan
    pairs = [(torch.tensor(losses), torch.tensor(ref_l))] + list(zip(w, ref_w))
    ok = all(
        a.shape == b.shape and torch.allclose(a.detach(), b.detach(), TRAJ_RTOL, TRAJ_ATOL)
        for a, b in pairs
    )
    dev = max(
        float(((a.detach() - b.detach()).abs() / (b.detach().abs() + 1e-12)).max())
        if a.shape == b.shape
        else math.inf
        for a, b in pairs
    )
    return ok, dev


def traj_adam(adam: AdamSteps, act: str, seed: int = 0) -> tuple[bool, float]:
    ref_p = sb.init_bias(sb.BIAS_HIDDEN, seed)
    ref_l = sb.adam_steps(X_TR, Y_TR, ref_p, act, sb.BIAS_LR, TRAJ_K)
    p = sb.init_bias(sb.BIAS_HIDDEN, seed)
    losses = adam(X_TR, Y_TR, p, act, sb.BIAS_LR, TRAJ_K)
    pairs = [(torch.tensor(losses), torch.tensor(ref_l))]
    pairs += [(p[n].detach(), ref_p[n].detach()) for n in ref_p]
    ok = all(torch.allclose(a, b, TRAJ_RTOL, TRAJ_ATOL) for a, b in pairs)
    dev = max(float(((a - b).abs() / (b.abs() + 1e-12)).max()) for a, b in pairs)
    return ok, dev


def trajectory_report() -> None:
    print(
        f"\nTrajectory check: k={TRAJ_K} steps from the same start (seed 0 and 1), "
        f"compare loss history and final tensors, allclose(rtol={TRAJ_RTOL}, "
        f"atol={TRAJ_ATOL}); max relative deviation shown"
    )
    for name, gd in [
        ("reference gd_steps", sb.gd_steps),
        ("alt. correct: F.mse_loss/.data/grad=None", gd_alt_fmse),
        ("alt. correct: zero first/sub_/sum÷N", gd_alt_zero_first),
        ("(c) grads never zeroed", gd_no_zero_grad),
        ("(d) gradient ascent", gd_ascent),
        ("(e) never updates", gd_no_update),
        ("(f) lr ignored, 1e-8", gd_tiny_lr),
        ("(g) update outside no_grad", gd_no_no_grad),
        ("(h) sum loss", gd_sum_loss),
        ("(i) only W2 updated", gd_only_w2),
    ]:
        res = [traj_nobias(gd, s) for s in (0, 1)]
        verdict = "MATCH" if all(r[0] for r in res) else "differs"
        devs = ", ".join(f"{r[1]:.1e}" for r in res)
        print(f"  GD   {name:<42} {verdict:<8} max rel dev {devs}")
    for act in ("tanh", "relu"):
        for name, adam in [
            ("reference adam_steps", sb.adam_steps),
            ("alt. correct Adam loop", adam_alt),
            ("(a) no bias", adam_with(fwd_no_bias)),
            ("(b) bias after activation", adam_with(fwd_bias_after)),
            ("(j) no zero_grad", adam_with(sb.forward_bias, zero_grad=False)),
            ("(k) biases not trained", adam_with(sb.forward_bias, train_biases=False)),
        ]:
            res = [traj_adam(adam, act, s) for s in (0, 1)]
            verdict = "MATCH" if all(r[0] for r in res) else "differs"
            devs = ", ".join(f"{r[1]:.1e}" for r in res)
            print(f"  Adam {act:<4} {name:<37} {verdict:<8} max rel dev {devs}")


# ------------------------------------------------ rows added with the repository's mutants
def gd_seed_lr(x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, lr: float, steps: int) -> list[float]:
    """Mutant gd_lr_ignored: the seed's hard-coded 1e-5."""
    return sb.gd_steps(x, y, w1, w2, 1e-5, steps)


def adam_default_lr(
    x: Tensor, y: Tensor, params: sb.Params, act: str, lr: float, steps: int
) -> list[float]:
    """Mutant adam_lr_ignored: Adam's default lr 1e-3."""
    return sb.adam_steps(x, y, params, act, 1e-3, steps)


def adam_no_drop(
    x: Tensor, y: Tensor, params: sb.Params, act: str, lr: float, steps: int
) -> list[float]:
    """Mutant adam_no_lr_drop: plain Adam, no learning-rate drop."""
    opt = torch.optim.Adam(params.values(), lr=lr)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = ((sb.forward_bias(x, params, act) - y) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


def midpoints(span: float, n: int = sb.N_TRAIN) -> tuple[Tensor, Tensor]:
    """Training data on [0, span] (the data mutants use span 1 and 2 pi)."""
    x = ((torch.arange(n, dtype=torch.float64) + 0.5) * (span / n)).reshape(n, 1)
    return x.float(), torch.sin(x).float()


def data_rows(seeds_nb: list[int], seeds_b: list[int]) -> None:
    """The training=True mutants: every seeded fit must fail on every seed."""
    for name, span in (
        ("data_unit_interval (x on [0, 1])", 1.0),
        ("data_one_period (x on [0, 2 pi])", 2 * math.pi),
    ):
        x, y = midpoints(span)
        nb = []
        for s in seeds_nb:
            w1, w2 = sb.init_nobias(sb.NOBIAS_HIDDEN, s)
            sb.gd_steps(x, y, w1, w2, sb.NOBIAS_LR, sb.NOBIAS_STEPS)
            nb.append(sb.eval_mse(lambda t, w1=w1, w2=w2: sb.forward_nobias(t, w1, w2)))
        row(f"{name}: no bias", nb, lambda v: NOBIAS_MIN <= v <= NOBIAS_MAX)
        for act in ("tanh", "relu"):
            vals = []
            for s in seeds_b:
                p = sb.init_bias(sb.BIAS_HIDDEN, s)
                sb.adam_steps(x, y, p, act, sb.BIAS_LR, sb.BIAS_STEPS)
                vals.append(sb.eval_mse(lambda t, p=p, a=act: sb.forward_bias(t, p, a)))
            row(f"{name}: {act}", vals, lambda v: v <= BIAS_MAX)


def extra(seeds_nb: list[int], seeds_b: list[int]) -> None:
    """Rows for the mutants added in the repository (not in the colleague's first table)."""
    t0 = time.time()
    print(
        f"Extra rows: no-bias seeds {seeds_nb[0]}..{seeds_nb[-1]}, with biases "
        f"{seeds_b[0]}..{seeds_b[-1]}"
    )
    header("Mutants in the repository, held-out grid MSE")
    row(
        "gd_lr_ignored (lr 1e-5): no bias",
        [run_nobias(gd_seed_lr, s) for s in seeds_nb],
        lambda v: NOBIAS_MIN <= v <= NOBIAS_MAX,
    )
    for act in ("tanh", "relu"):
        for name, adam in (
            ("adam_lr_ignored (lr 1e-3)", adam_default_lr),
            ("adam_no_lr_drop", adam_no_drop),
        ):
            row(
                f"{name}: {act}",
                [run_bias(adam, sb.forward_bias, act, s)[0] for s in seeds_b],
                lambda v: v <= BIAS_MAX,
            )
    data_rows(seeds_nb, seeds_b)
    print("\nTrajectory check of the added loop mutants (seeds 0, 1): max relative deviation")
    for s in (0, 1):
        print(f"  GD   gd_lr_ignored seed {s}: {traj_nobias(gd_seed_lr, s)}")
        for act in ("tanh", "relu"):
            print(f"  Adam {act} adam_lr_ignored seed {s}: {traj_adam(adam_default_lr, act, s)}")
            print(f"  Adam {act} adam_no_lr_drop seed {s}: {traj_adam(adam_no_drop, act, s)}")
    print(f"extra rows took {time.time() - t0:.0f} s")


if __name__ == "__main__":
    if "--extra" in sys.argv:
        extra(NB_SEEDS, SEEDS)
    else:
        main()
