
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'dcalc' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'dcalc'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'dcalc' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Write shell completions to stdout')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ under a directory (the repository root)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Differentiate an expression')
            [CompletionResult]::new('slope', 'slope', [CompletionResultType]::ParameterValue, 'The instantaneous rate of change at a point, as the limit of a table of difference quotients')
            [CompletionResult]::new('secant', 'secant', [CompletionResultType]::ParameterValue, 'The average rate of change over an interval, and the secant line')
            [CompletionResult]::new('tangent', 'tangent', [CompletionResultType]::ParameterValue, 'The tangent line at a point')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate an expression, exactly where possible')
            [CompletionResult]::new('limit', 'limit', [CompletionResultType]::ParameterValue, 'The limit as the variable approaches a point (or ±infinity), from both sides or one')
            [CompletionResult]::new('check-differentiable', 'check-differentiable', [CompletionResultType]::ParameterValue, 'Is the function differentiable at a point (or where on an interval is it not)?')
            [CompletionResult]::new('grad', 'grad', [CompletionResultType]::ParameterValue, 'Every partial derivative: the gradient')
            [CompletionResult]::new('descend', 'descend', [CompletionResultType]::ParameterValue, 'Gradient descent on a loss, optionally the mean over the rows of a CSV file')
            [CompletionResult]::new('plot', 'plot', [CompletionResultType]::ParameterValue, 'Draw the function, with a tangent and/or secant line, in the terminal or as SVG')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dcalc;completions' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;generate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;diff' {
            [CompletionResult]::new('--wrt', '--wrt', [CompletionResultType]::ParameterName, 'The variable to differentiate by (default: the only variable)')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Differentiate this many times')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Also evaluate the derivative at a point: 3, x=3, pi/4, w=1,b=0')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Grade an answer: exit 0 if ANSWER is the derivative, 1 (with a point where it differs) if not')
            [CompletionResult]::new('--notation', '--notation', [CompletionResultType]::ParameterName, 'How --format pretty labels the answer')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('--steps', '--steps', [CompletionResultType]::ParameterName, 'Show the working a tutor would write: each rule, its template with the parts named, the result')
            [CompletionResult]::new('--definition', '--definition', [CompletionResultType]::ParameterName, 'Derive it from the limit definition: f(x+h), expand, divide by h, let h -> 0')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;slope' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'The point: 3, x=3, pi/4, or w=1,b=0 (the other variables are held fixed)')
            [CompletionResult]::new('--wrt', '--wrt', [CompletionResultType]::ParameterName, 'The variable to nudge (default: the only variable)')
            [CompletionResult]::new('--rows', '--rows', [CompletionResultType]::ParameterName, 'Rows of the table: h = 10^-1 … 10^-ROWS from each side')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('--plot', '--plot', [CompletionResultType]::ParameterName, 'Also draw the function and the line below the answer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;secant' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Start of the interval (a)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'End of the interval (b)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'The point a (and any other variables'' fixed values), with --h')
            [CompletionResult]::new('--h', '--h', [CompletionResultType]::ParameterName, 'The width h = b - a, with --at')
            [CompletionResult]::new('--wrt', '--wrt', [CompletionResultType]::ParameterName, 'The variable (default: the only variable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('--plot', '--plot', [CompletionResultType]::ParameterName, 'Also draw the function and the line below the answer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;tangent' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'The point of tangency: 3, x=3, pi/4, w=1,b=0')
            [CompletionResult]::new('--wrt', '--wrt', [CompletionResultType]::ParameterName, 'The variable (default: the only variable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('--plot', '--plot', [CompletionResultType]::ParameterName, 'Also draw the function and the line below the answer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;eval' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Values for the variables: 3, x=3, pi/4, w=1,b=0')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;limit' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Where the variable goes: 0, x=0, pi/2, inf, -inf (also oo, ∞); other variables held: x=0,a=2')
            [CompletionResult]::new('--side', '--side', [CompletionResultType]::ParameterName, 'Approach from one side only')
            [CompletionResult]::new('--wrt', '--wrt', [CompletionResultType]::ParameterName, 'The variable (default: the only variable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;check-differentiable' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'The point: 3, x=3, pi/4, w=1,b=0')
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'An interval A..B: list every point in it where f is not differentiable')
            [CompletionResult]::new('--max-points', '--max-points', [CompletionResultType]::ParameterName, 'With --on: list at most this many points (and count the rest)')
            [CompletionResult]::new('--wrt', '--wrt', [CompletionResultType]::ParameterName, 'The variable (default: the only variable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;grad' {
            [CompletionResult]::new('--wrt', '--wrt', [CompletionResultType]::ParameterName, 'The variables, comma-separated (default: every free variable not bound by --data)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Evaluate the gradient at a point: w=1,b=0')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'A CSV file whose columns bind the other variables; the loss is the mean over its rows')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, '1: the gradient; 2: the Hessian, every second partial derivative')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('--tape', '--tape', [CompletionResultType]::ParameterName, 'Show the autograd tape at --at: the forward pass (each operation and its value) and the backward pass (each node''s adjoint), as PyTorch''s loss.backward() and JAX''s jax.grad compute it')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;descend' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The starting point: w=0,b=0')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'The learning rate η (default: 0.01, or 0.001 for adam as in PyTorch)')
            [CompletionResult]::new('--iterations', '--iterations', [CompletionResultType]::ParameterName, 'How many steps to take at most (it stops sooner on convergence)')
            [CompletionResult]::new('--optimizer', '--optimizer', [CompletionResultType]::ParameterName, 'The update rule: sgd (θ ← θ − η·g), momentum (torch.optim.SGD with momentum) or adam (torch.optim.Adam)')
            [CompletionResult]::new('--momentum', '--momentum', [CompletionResultType]::ParameterName, 'Momentum μ for --optimizer momentum: v ← μ·v + g, θ ← θ − η·v')
            [CompletionResult]::new('--betas', '--betas', [CompletionResultType]::ParameterName, 'Adam''s β₁, β₂ (decay of the mean and of the square of the gradient)')
            [CompletionResult]::new('--eps', '--eps', [CompletionResultType]::ParameterName, 'Adam''s ε, added to the root of the second moment')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Minibatches of N rows of --data, reshuffled each epoch (default: every row each step)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'The seed of the minibatch shuffles (the same seed gives the same batches)')
            [CompletionResult]::new('--wrt', '--wrt', [CompletionResultType]::ParameterName, 'The parameters, comma-separated (default: the variables not bound by --data)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'A CSV file whose columns bind the other variables; the loss is the mean over its rows')
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'Show every K-th iteration (default: all when there are at most 20, else about 20 rows)')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'Stop when the gradient''s norm falls below this')
            [CompletionResult]::new('--svg', '--svg', [CompletionResultType]::ParameterName, 'Also write the loss curve as an SVG file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('--plot', '--plot', [CompletionResultType]::ParameterName, 'Draw the loss curve under the table (log scale when the loss falls far)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;plot' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Left end of the x-range (default: around the marked points, else -5)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Right end of the x-range')
            [CompletionResult]::new('--tangent-at', '--tangent-at', [CompletionResultType]::ParameterName, 'Draw the tangent line at this point')
            [CompletionResult]::new('--secants-at', '--secants-at', [CompletionResultType]::ParameterName, 'Draw the secants from A to A + h for h = 1, 1/2, 1/4, 1/8 and the tangent they turn into')
            [CompletionResult]::new('--secant', '--secant', [CompletionResultType]::ParameterName, 'Draw the secant line through these two points: A,B')
            [CompletionResult]::new('--svg', '--svg', [CompletionResultType]::ParameterName, 'Also write the plot as an SVG file')
            [CompletionResult]::new('--wrt', '--wrt', [CompletionResultType]::ParameterName, 'The variable (default: the only variable)')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Plot width in characters')
            [CompletionResult]::new('--height', '--height', [CompletionResultType]::ParameterName, 'Plot height in characters')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)')
            [CompletionResult]::new('--digits', '--digits', [CompletionResultType]::ParameterName, 'Significant digits for approximate numbers')
            [CompletionResult]::new('--derivative', '--derivative', [CompletionResultType]::ParameterName, 'Draw f'' too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dcalc;help' {
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Write shell completions to stdout')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ under a directory (the repository root)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Differentiate an expression')
            [CompletionResult]::new('slope', 'slope', [CompletionResultType]::ParameterValue, 'The instantaneous rate of change at a point, as the limit of a table of difference quotients')
            [CompletionResult]::new('secant', 'secant', [CompletionResultType]::ParameterValue, 'The average rate of change over an interval, and the secant line')
            [CompletionResult]::new('tangent', 'tangent', [CompletionResultType]::ParameterValue, 'The tangent line at a point')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate an expression, exactly where possible')
            [CompletionResult]::new('limit', 'limit', [CompletionResultType]::ParameterValue, 'The limit as the variable approaches a point (or ±infinity), from both sides or one')
            [CompletionResult]::new('check-differentiable', 'check-differentiable', [CompletionResultType]::ParameterValue, 'Is the function differentiable at a point (or where on an interval is it not)?')
            [CompletionResult]::new('grad', 'grad', [CompletionResultType]::ParameterValue, 'Every partial derivative: the gradient')
            [CompletionResult]::new('descend', 'descend', [CompletionResultType]::ParameterValue, 'Gradient descent on a loss, optionally the mean over the rows of a CSV file')
            [CompletionResult]::new('plot', 'plot', [CompletionResultType]::ParameterValue, 'Draw the function, with a tangent and/or secant line, in the terminal or as SVG')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dcalc;help;completions' {
            break
        }
        'dcalc;help;generate' {
            break
        }
        'dcalc;help;diff' {
            break
        }
        'dcalc;help;slope' {
            break
        }
        'dcalc;help;secant' {
            break
        }
        'dcalc;help;tangent' {
            break
        }
        'dcalc;help;eval' {
            break
        }
        'dcalc;help;limit' {
            break
        }
        'dcalc;help;check-differentiable' {
            break
        }
        'dcalc;help;grad' {
            break
        }
        'dcalc;help;descend' {
            break
        }
        'dcalc;help;plot' {
            break
        }
        'dcalc;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
