"""Hidden checks of moons (scored by the autograder; students see names and points only).

Weights are chosen so that every check's share of its group's points is an exact
decimal (Otter refuses a test file whose rounded case points add up to more than the group).
"""

from autograder.checks.core import Check
from autograder.checks.moons import _judges as j

CHECKS = (
    Check("model_all", "model", "model_hidden", j.model_all, "make_model: widths 3, 5, 32 with relu and tanh", weight=2),
    Check("model_unknown", "model", "model_hidden", j.model_unknown, "make_model rejects an unknown activation with ValueError"),
    Check("predict_values", "predict", "predict_hidden", j.predict_values, "predict: argmax labels of random nets", weight=2),
    Check("predict_vectorized", "predict", "predict_vectorized", j.predict_vectorized, "predict: one model call, no sample loop"),
    Check("grid_values", "grid", "grid_hidden", j.grid_values, "grid_predict: labels on an uneven 13 × 17 mesh"),
    Check("trajectory_relu", "train_loop", "trajectory_relu", j.trajectory, "train: 20 steps match the specified loop (ReLU)"),
    Check("trajectory_tanh", "train_loop", "trajectory_tanh", j.trajectory, "train: 20 steps match the specified loop (tanh)"),
    Check("converge_relu", "convergence", "converge_relu", j.converge, "ReLU net on fresh moons: accuracy, CE, last losses",
          seeded=True, threshold=1.0),
    Check("converge_tanh", "convergence", "converge_tanh", j.converge, "tanh net on fresh moons: accuracy, CE, last losses",
          seeded=True, threshold=1.0),
)
