# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_dcalc_global_optspecs
    string join \n format= color= digits= h/help V/version
end

function __fish_dcalc_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_dcalc_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_dcalc_using_subcommand
    set -l cmd (__fish_dcalc_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c dcalc -n "__fish_dcalc_needs_command" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_needs_command" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_needs_command" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_needs_command" -s V -l version -d 'Print version'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "completions" -d 'Write shell completions to stdout'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "generate" -d 'Write completions/ and man/ under a directory (the repository root)'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "diff" -d 'Differentiate an expression'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "slope" -d 'The instantaneous rate of change at a point, as the limit of a table of difference quotients'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "secant" -d 'The average rate of change over an interval, and the secant line'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "tangent" -d 'The tangent line at a point'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "eval" -d 'Evaluate an expression, exactly where possible'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "limit" -d 'The limit as the variable approaches a point (or ±infinity), from both sides or one'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "check-differentiable" -d 'Is the function differentiable at a point (or where on an interval is it not)?'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "grad" -d 'Every partial derivative: the gradient'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "descend" -d 'Gradient descent on a loss, optionally the mean over the rows of a CSV file'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "plot" -d 'Draw the function, with a tangent and/or secant line, in the terminal or as SVG'
complete -c dcalc -n "__fish_dcalc_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dcalc -n "__fish_dcalc_using_subcommand completions" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand completions" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand completions" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand generate" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand generate" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand generate" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -l wrt -d 'The variable to differentiate by (default: the only variable)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -l order -d 'Differentiate this many times' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -l at -d 'Also evaluate the derivative at a point: 3, x=3, pi/4, w=1,b=0' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -l check -d 'Grade an answer: exit 0 if ANSWER is the derivative, 1 (with a point where it differs) if not' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -l notation -d 'How --format pretty labels the answer' -r -f -a "operator\t'd/dx (x³) = 3x²'
leibniz\t'y = x³, dy/dx = 3x²'
lagrange\t'f(x) = x³, f\'(x) = 3x²'"
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -l steps -d 'Show the working a tutor would write: each rule, its template with the parts named, the result'
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -l definition -d 'Derive it from the limit definition: f(x+h), expand, divide by h, let h -> 0'
complete -c dcalc -n "__fish_dcalc_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand slope" -l at -d 'The point: 3, x=3, pi/4, or w=1,b=0 (the other variables are held fixed)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand slope" -l wrt -d 'The variable to nudge (default: the only variable)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand slope" -l rows -d 'Rows of the table: h = 10^-1 … 10^-ROWS from each side' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand slope" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand slope" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand slope" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand slope" -l plot -d 'Also draw the function and the line below the answer'
complete -c dcalc -n "__fish_dcalc_using_subcommand slope" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand secant" -l from -d 'Start of the interval (a)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand secant" -l to -d 'End of the interval (b)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand secant" -l at -d 'The point a (and any other variables\' fixed values), with --h' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand secant" -l h -d 'The width h = b - a, with --at' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand secant" -l wrt -d 'The variable (default: the only variable)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand secant" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand secant" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand secant" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand secant" -l plot -d 'Also draw the function and the line below the answer'
complete -c dcalc -n "__fish_dcalc_using_subcommand secant" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand tangent" -l at -d 'The point of tangency: 3, x=3, pi/4, w=1,b=0' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand tangent" -l wrt -d 'The variable (default: the only variable)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand tangent" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand tangent" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand tangent" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand tangent" -l plot -d 'Also draw the function and the line below the answer'
complete -c dcalc -n "__fish_dcalc_using_subcommand tangent" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand eval" -l at -d 'Values for the variables: 3, x=3, pi/4, w=1,b=0' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand eval" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand eval" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand eval" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand eval" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand limit" -l at -d 'Where the variable goes: 0, x=0, pi/2, inf, -inf (also oo, ∞); other variables held: x=0,a=2' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand limit" -l side -d 'Approach from one side only' -r -f -a "left\t'From below (x < a)'
right\t'From above (x > a)'"
complete -c dcalc -n "__fish_dcalc_using_subcommand limit" -l wrt -d 'The variable (default: the only variable)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand limit" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand limit" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand limit" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand limit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand check-differentiable" -l at -d 'The point: 3, x=3, pi/4, w=1,b=0' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand check-differentiable" -l on -d 'An interval A..B: list every point in it where f is not differentiable' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand check-differentiable" -l max-points -d 'With --on: list at most this many points (and count the rest)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand check-differentiable" -l wrt -d 'The variable (default: the only variable)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand check-differentiable" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand check-differentiable" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand check-differentiable" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand check-differentiable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand grad" -l wrt -d 'The variables, comma-separated (default: every free variable not bound by --data)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand grad" -l at -d 'Evaluate the gradient at a point: w=1,b=0' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand grad" -l data -d 'A CSV file whose columns bind the other variables; the loss is the mean over its rows' -r -F
complete -c dcalc -n "__fish_dcalc_using_subcommand grad" -l order -d '1: the gradient; 2: the Hessian, every second partial derivative' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand grad" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand grad" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand grad" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand grad" -l tape -d 'Show the autograd tape at --at: the forward pass (each operation and its value) and the backward pass (each node\'s adjoint), as PyTorch\'s loss.backward() and JAX\'s jax.grad compute it'
complete -c dcalc -n "__fish_dcalc_using_subcommand grad" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l from -d 'The starting point: w=0,b=0' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l rate -d 'The learning rate η (default: 0.01, or 0.001 for adam as in PyTorch)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l iterations -d 'How many steps to take at most (it stops sooner on convergence)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l optimizer -d 'The update rule: sgd (θ ← θ − η·g), momentum (torch.optim.SGD with momentum) or adam (torch.optim.Adam)' -r -f -a "sgd\t''
momentum\t''
adam\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l momentum -d 'Momentum μ for --optimizer momentum: v ← μ·v + g, θ ← θ − η·v' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l betas -d 'Adam\'s β₁, β₂ (decay of the mean and of the square of the gradient)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l eps -d 'Adam\'s ε, added to the root of the second moment' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l batch-size -d 'Minibatches of N rows of --data, reshuffled each epoch (default: every row each step)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l seed -d 'The seed of the minibatch shuffles (the same seed gives the same batches)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l wrt -d 'The parameters, comma-separated (default: the variables not bound by --data)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l data -d 'A CSV file whose columns bind the other variables; the loss is the mean over its rows' -r -F
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l every -d 'Show every K-th iteration (default: all when there are at most 20, else about 20 rows)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l tolerance -d 'Stop when the gradient\'s norm falls below this' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l svg -d 'Also write the loss curve as an SVG file' -r -F
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -l plot -d 'Draw the loss curve under the table (log scale when the loss falls far)'
complete -c dcalc -n "__fish_dcalc_using_subcommand descend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l from -d 'Left end of the x-range (default: around the marked points, else -5)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l to -d 'Right end of the x-range' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l tangent-at -d 'Draw the tangent line at this point' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l secants-at -d 'Draw the secants from A to A + h for h = 1, 1/2, 1/4, 1/8 and the tangent they turn into' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l secant -d 'Draw the secant line through these two points: A,B' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l svg -d 'Also write the plot as an SVG file' -r -F
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l wrt -d 'The variable (default: the only variable)' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l width -d 'Plot width in characters' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l height -d 'Plot height in characters' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l format -d 'Output format' -r -f -a "plain\t'dcalc\'s own input syntax, one answer per line (pipes back in)'
pretty\t'Unicode for people, colour on terminals'
latex\t'LaTeX'
json\t'One JSON object per answer'"
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l color -d 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l digits -d 'Significant digits for approximate numbers' -r
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -l derivative -d 'Draw f\' too'
complete -c dcalc -n "__fish_dcalc_using_subcommand plot" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "completions" -d 'Write shell completions to stdout'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "generate" -d 'Write completions/ and man/ under a directory (the repository root)'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "diff" -d 'Differentiate an expression'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "slope" -d 'The instantaneous rate of change at a point, as the limit of a table of difference quotients'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "secant" -d 'The average rate of change over an interval, and the secant line'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "tangent" -d 'The tangent line at a point'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "eval" -d 'Evaluate an expression, exactly where possible'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "limit" -d 'The limit as the variable approaches a point (or ±infinity), from both sides or one'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "check-differentiable" -d 'Is the function differentiable at a point (or where on an interval is it not)?'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "grad" -d 'Every partial derivative: the gradient'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "descend" -d 'Gradient descent on a loss, optionally the mean over the rows of a CSV file'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "plot" -d 'Draw the function, with a tangent and/or secant line, in the terminal or as SVG'
complete -c dcalc -n "__fish_dcalc_using_subcommand help; and not __fish_seen_subcommand_from completions generate diff slope secant tangent eval limit check-differentiable grad descend plot help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
