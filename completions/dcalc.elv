
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
            cand diff 'Differentiate an expression'
            cand completions 'Write shell completions to stdout'
            cand generate 'Write completions/ and man/ under a directory (the repository root)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dcalc;diff'= {
            cand --wrt 'The variable to differentiate by (default: the only variable)'
            cand --order 'Differentiate this many times'
            cand --at 'Also evaluate the derivative at a point: 3, x=3, pi/4, w=1,b=0'
            cand --format 'Output format'
            cand --color 'When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)'
            cand --digits 'Significant digits for approximate numbers'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
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
        &'dcalc;help'= {
            cand diff 'Differentiate an expression'
            cand completions 'Write shell completions to stdout'
            cand generate 'Write completions/ and man/ under a directory (the repository root)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dcalc;help;diff'= {
        }
        &'dcalc;help;completions'= {
        }
        &'dcalc;help;generate'= {
        }
        &'dcalc;help;help'= {
        }
    ]
    $completions[$command]
}
