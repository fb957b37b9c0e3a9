"""Hidden checks of sine_bias (scored by the autograder; students see names and points only)."""

from autograder.checks.core import Check
from autograder.checks.sine_bias import _judges as j

CHECKS = (
    Check("train_data", "pieces", "train_data", j.train_data, "make_train_data: float32 (n, 1) midpoints and sin x on the device"),
    Check("floor_numbers", "pieces", "floor_numbers", j.floor_numbers, "best_origin_line_mse: 0.4586 on the grid, least squares on random data"),
    Check("forward_nobias", "pieces", "forward_nobias", j.forward_nobias, "forward_nobias vs relu(x @ W1) @ W2 on random inputs"),
    Check("nobias_homogeneous", "pieces", "forward_nobias", j.nobias_homogeneous, "forward_nobias is positively homogeneous: f(3x) = 3 f(x)"),
    Check("forward_bias", "pieces", "forward_bias", j.forward_bias, "forward_bias vs act(x @ W1 + b1) @ W2 + b2 (tanh, relu)", weight=2),
    Check("trained_shapes", "pieces", "trained_shapes", j.trained_shapes, "train_nobias / train_bias return the named parameters, shapes, dtypes, losses"),
    Check("gd_trajectory", "gd_loop", "gd_trajectory", j.gd_trajectory, "gd_steps: the first traj_steps steps match the hand-written loop (2 seeds)", weight=3),
    Check("adam_trajectory_tanh", "adam_loop", "adam_trajectory_tanh", j.adam_trajectory, "adam_steps: the first traj_steps steps match the Adam loop (tanh)"),
    Check("adam_trajectory_relu", "adam_loop", "adam_trajectory_relu", j.adam_trajectory, "adam_steps: the first traj_steps steps match the Adam loop (relu)"),
    Check("fit_nobias", "fit_nobias", "fit_nobias", j.fit_nobias, "no-bias net reaches the best line through the origin (0.4575 <= MSE <= 0.459)",
          seeded=True, threshold="nobias_mse_max"),
    Check("fit_tanh", "fit_bias", "fit_tanh", j.fit_tanh, "tanh net with biases: grid MSE <= 0.02, f(pi/2) ~ 1, f(pi) ~ 0",
          seeded=True, threshold="bias_mse_max"),
    Check("fit_relu", "fit_bias", "fit_relu", j.fit_relu, "relu net with biases: grid MSE <= 0.02, f(pi/2) ~ 1, f(pi) ~ 0",
          seeded=True, threshold="bias_mse_max"),
    Check("landmarks_values", "landmarks", "landmarks_hidden", j.landmarks, "landmark_predictions for random quadratic predictors"),
)  # fmt: skip
