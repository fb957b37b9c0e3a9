"""Realistic wrong answers for pwlinr (each must lose points; see ``course validate``)."""

from autograder.authoring.mutants import Mutant

F = "pwlinr.py"

MUTANTS = (
    Mutant(
        "formula_zero_at_kink",
        "masks x < 0 and x > 0 (as in the source): y(0) stays 0",
        F,
        "y[~left] = (RIGHT_SLOPE * x + VALUE_AT_ZERO)[~left]",
        "y[x > 0] = (RIGHT_SLOPE * x + VALUE_AT_ZERO)[x > 0]",
    ),
    Mutant(
        "relu_form_swapped",
        "line_relu puts slope 9 on relu(x) and -4.5 on relu(-x)",
        F,
        "RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x)",
        "-LEFT_SLOPE * torch.relu(x) + RIGHT_SLOPE * torch.relu(-x)",
    ),
    Mutant(
        "relu_form_sign",
        "line_relu adds 9·relu(-x) instead of subtracting it",
        F,
        "RIGHT_SLOPE * torch.relu(x) - LEFT_SLOPE * torch.relu(-x)",
        "RIGHT_SLOPE * torch.relu(x) + LEFT_SLOPE * torch.relu(-x)",
    ),
    Mutant(
        "pwlinr_output_weights_swapped",
        "second layer weight [[-9, -4.5]] instead of [[-4.5, -9]]",
        F,
        "net[2].weight.copy_(torch.tensor([[RIGHT_SLOPE, -LEFT_SLOPE]]))",
        "net[2].weight.copy_(torch.tensor([[-LEFT_SLOPE, RIGHT_SLOPE]]))",
    ),
    Mutant(
        "pwlinr_first_layer_bias",
        "first layer created with a (zeroed) bias",
        F,
        "        torch.nn.Linear(1, 2, bias=False),\n        torch.nn.ReLU(),\n        "
        "torch.nn.Linear(2, 1),\n    )\n"
        "    with torch.no_grad():\n        net[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))\n  "
        "      net[2].weight.copy_(",
        "        torch.nn.Linear(1, 2),\n        torch.nn.ReLU(),\n        torch.nn.Linear(2, "
        "1),\n    )\n"
        "    with torch.no_grad():\n        net[0].bias.zero_()\n        "
        "net[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))\n"
        "        net[2].weight.copy_(",
    ),
    Mutant(
        "pwlinr_first_layer_flipped",
        "first layer weight [[-1], [1]]: the units see the wrong sides",
        F,
        "net[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))\n        "
        "net[2].weight.copy_(torch.tensor([[RIGHT",
        "net[0].weight.copy_(torch.tensor([[-1.0], [1.0]]))\n        "
        "net[2].weight.copy_(torch.tensor([[RIGHT",
    ),
    Mutant(
        "pwlinr_no_output_bias",
        "second layer bias left at its random initial value",
        F,
        "        net[2].bias.fill_(VALUE_AT_ZERO)\n",
        "",
    ),
    Mutant(
        "knots_kink_off_by_one",
        "kink units placed at x_2 .. x_{n-1} instead of x_1 .. x_{n-2}",
        F,
        "b1[2:] = -px[1:-1]",
        "b1[2:] = -px[2:]",
    ),
    Mutant(
        "knots_slope_not_differenced",
        "kink unit weight is the new slope, not the change of slope",
        F,
        "w2[0, 2:] = slopes[1:] - slopes[:-1]",
        "w2[0, 2:] = slopes[1:]",
    ),
    Mutant(
        "knots_flat_left",
        "no unit for the left side: flat before the first knot",
        F,
        "w2[0, 0], w2[0, 1] = slopes[0], -slopes[0]",
        "w2[0, 0], w2[0, 1] = slopes[0], 0.0",
    ),
    Mutant(
        "knots_not_sorted",
        "knots used in the order given",
        F,
        "pts = sorted(zip(",
        "pts = list(zip(",
    ),
    Mutant(
        "knots_duplicates_allowed",
        "duplicate x not rejected (division by zero)",
        F,
        '    if bool((gaps == 0).any()):\n        raise ValueError("duplicate x values among the '
        'knots")\n',
        "",
    ),
    Mutant(
        "data_global_rng",
        "labels drawn from the global RNG instead of the seeded generator",
        F,
        "y = torch.bernoulli(prob, generator=torch.Generator().manual_seed(seed))\n    return x, "
        "y, prob",
        "y = torch.bernoulli(prob)\n    return x, y, prob",
    ),
    Mutant(
        "logistic_no_relu",
        "no ReLU (Identity instead): a plain logistic regression, which cannot bend",
        F,
        "        torch.nn.ReLU(),\n        torch.nn.Linear(2, 1),\n        torch.nn.Sigmoid(),",
        "        torch.nn.Identity(),\n        torch.nn.Linear(2, 1),\n        torch.nn.Sigmoid(),",
        training=True,
    ),
    Mutant(
        "fit_no_zero_grad",
        "gradients are never zeroed, so they pile up over the epochs",
        F,
        "        optimizer.zero_grad()\n    return net",
        "    return net",
        training=True,
    ),
    Mutant(
        "fit_step_before_backward",
        "optimizer.step() and zero_grad() before loss.backward()",
        F,
        "        loss.backward()\n        optimizer.step()\n        optimizer.zero_grad()",
        "        optimizer.step()\n        optimizer.zero_grad()\n        loss.backward()",
    ),
)
