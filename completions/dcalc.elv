
use builtin;
use str;

set edit:completion:arg-completer[dcalc] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'dcalc'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'dcalc'= {
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand completions 'Write shell completions to stdout'
            cand generate 'Write completions/ and man/ under a directory (the repository root)'
            cand diff 'Differentiate an expression'
            cand slope 'The instantaneous rate of change at a point, as the limit of a table of difference quotients'
            cand secant 'The average rate of change over an interval, and the secant line'
            cand tangent 'The tangent line at a point'
            cand eval 'Evaluate an expression, exactly where possible'
            cand limit 'The limit as the variable approaches a point (or ±infinity), from both sides or one'
            cand check-differentiable 'Is the function differentiable at a point (or where on an interval is it not)?'
            cand grad 'Every partial derivative: the gradient'
            cand descend 'Gradient descent on a loss, optionally the mean over the rows of a CSV file'
            cand plot 'Draw the function, with a tangent and/or secant line, in the terminal or as SVG'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dcalc;completions'= {
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;generate'= {
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;diff'= {
            cand --wrt 'The variable to differentiate by (default: the only variable)'
            cand --order 'Differentiate this many times'
            cand --at 'Also evaluate the derivative at a point: 3, x=3, pi/4, w=1,b=0'
            cand --check 'Grade an answer: exit 0 if ANSWER is the derivative, 1 (with a point where it differs) if not'
            cand --notation 'How --format pretty labels the answer'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand --steps 'Show the working a tutor would write: each rule, its template with the parts named, the result'
            cand --definition 'Derive it from the limit definition: f(x+h), expand, divide by h, let h -> 0'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;slope'= {
            cand --at 'The point: 3, x=3, pi/4, or w=1,b=0 (the other variables are held fixed)'
            cand --wrt 'The variable to nudge (default: the only variable)'
            cand --rows 'Rows of the table: h = 10^-1 … 10^-ROWS from each side'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand --plot 'Also draw the function and the line below the answer'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;secant'= {
            cand --from 'Start of the interval (a)'
            cand --to 'End of the interval (b)'
            cand --at 'The point a (and any other variables'' fixed values), with --h'
            cand --h 'The width h = b - a, with --at'
            cand --wrt 'The variable (default: the only variable)'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand --plot 'Also draw the function and the line below the answer'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;tangent'= {
            cand --at 'The point of tangency: 3, x=3, pi/4, w=1,b=0'
            cand --wrt 'The variable (default: the only variable)'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand --plot 'Also draw the function and the line below the answer'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;eval'= {
            cand --at 'Values for the variables: 3, x=3, pi/4, w=1,b=0'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;limit'= {
            cand --at 'Where the variable goes: 0, x=0, pi/2, inf, -inf (also oo, ∞); other variables held: x=0,a=2'
            cand --side 'Approach from one side only'
            cand --wrt 'The variable (default: the only variable)'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;check-differentiable'= {
            cand --at 'The point: 3, x=3, pi/4, w=1,b=0'
            cand --on 'An interval A..B: list every point in it where f is not differentiable'
            cand --max-points 'With --on: list at most this many points (and count the rest)'
            cand --wrt 'The variable (default: the only variable)'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;grad'= {
            cand --wrt 'The variables, comma-separated (default: every free variable not bound by --data)'
            cand --at 'Evaluate the gradient at a point: w=1,b=0'
            cand --data 'A CSV file whose columns bind the other variables; the loss is the mean over its rows'
            cand --order '1: the gradient; 2: the Hessian, every second partial derivative'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand --tape 'Show the autograd tape at --at: the forward pass (each operation and its value) and the backward pass (each node''s adjoint), as PyTorch''s loss.backward() and JAX''s jax.grad compute it'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;descend'= {
            cand --from 'The starting point: w=0,b=0'
            cand --rate 'The learning rate η (default: 0.01, or 0.001 for adam as in PyTorch)'
            cand --iterations 'How many steps to take at most (it stops sooner on convergence)'
            cand --optimizer 'The update rule: sgd (θ ← θ − η·g), momentum (torch.optim.SGD with momentum) or adam (torch.optim.Adam)'
            cand --momentum 'Momentum μ for --optimizer momentum: v ← μ·v + g, θ ← θ − η·v'
            cand --betas 'Adam''s β₁, β₂ (decay of the mean and of the square of the gradient)'
            cand --eps 'Adam''s ε, added to the root of the second moment'
            cand --batch-size 'Minibatches of N rows of --data, reshuffled each epoch (default: every row each step)'
            cand --seed 'The seed of the minibatch shuffles (the same seed gives the same batches)'
            cand --wrt 'The parameters, comma-separated (default: the variables not bound by --data)'
            cand --data 'A CSV file whose columns bind the other variables; the loss is the mean over its rows'
            cand --every 'Show every K-th iteration (default: all when there are at most 20, else about 20 rows)'
            cand --tolerance 'Stop when the gradient''s norm falls below this'
            cand --svg 'Also write the loss curve as an SVG file'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand --plot 'Draw the loss curve under the table (log scale when the loss falls far)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;plot'= {
            cand --from 'Left end of the x-range (default: around the marked points, else -5)'
            cand --to 'Right end of the x-range'
            cand --tangent-at 'Draw the tangent line at this point'
            cand --secants-at 'Draw the secants from A to A + h for h = 1, 1/2, 1/4, 1/8 and the tangent they turn into'
            cand --secant 'Draw the secant line through these two points: A,B'
            cand --svg 'Also write the plot as an SVG file'
            cand --wrt 'The variable (default: the only variable)'
            cand --width 'Plot width in characters'
            cand --height 'Plot height in characters'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand --derivative 'Draw f'' too'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dcalc;help'= {
            cand completions 'Write shell completions to stdout'
            cand generate 'Write completions/ and man/ under a directory (the repository root)'
            cand diff 'Differentiate an expression'
            cand slope 'The instantaneous rate of change at a point, as the limit of a table of difference quotients'
            cand secant 'The average rate of change over an interval, and the secant line'
            cand tangent 'The tangent line at a point'
            cand eval 'Evaluate an expression, exactly where possible'
            cand limit 'The limit as the variable approaches a point (or ±infinity), from both sides or one'
            cand check-differentiable 'Is the function differentiable at a point (or where on an interval is it not)?'
            cand grad 'Every partial derivative: the gradient'
            cand descend 'Gradient descent on a loss, optionally the mean over the rows of a CSV file'
            cand plot 'Draw the function, with a tangent and/or secant line, in the terminal or as SVG'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dcalc;help;completions'= {
        }
        &'dcalc;help;generate'= {
        }
        &'dcalc;help;diff'= {
        }
        &'dcalc;help;slope'= {
        }
        &'dcalc;help;secant'= {
        }
        &'dcalc;help;tangent'= {
        }
        &'dcalc;help;eval'= {
        }
        &'dcalc;help;limit'= {
        }
        &'dcalc;help;check-differentiable'= {
        }
        &'dcalc;help;grad'= {
        }
        &'dcalc;help;descend'= {
        }
        &'dcalc;help;plot'= {
        }
        &'dcalc;help;help'= {
        }
    ]
    $completions[$command]
}
