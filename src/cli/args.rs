//! The command line, declared once with clap; completions and man pages
//! are generated from this too.

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "dcalc",
    version,
    about = "Derivatives from the shell: exact, explained, scriptable",
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Plain, global = true)]
    pub format: Format,
    /// When to use colour (auto: only on a terminal, without NO_COLOR, TERM not dumb)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Significant digits for approximate numbers
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..=40), global = true)]
    pub digits: u32,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// dcalc's own input syntax, one answer per line (pipes back in)
    Plain,
    /// Unicode for people, colour on terminals
    Pretty,
    /// LaTeX
    Latex,
    /// One JSON object per answer
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Differentiate an expression
    Diff(DiffArgs),
    /// The instantaneous rate of change at a point, as the limit of a table of difference quotients
    Slope(SlopeArgs),
    /// The average rate of change over an interval, and the secant line
    Secant(SecantArgs),
    /// The tangent line at a point
    Tangent(TangentArgs),
    /// Evaluate an expression, exactly where possible
    Eval(EvalArgs),
    /// The limit as the variable approaches a point (or ±infinity), from both sides or one
    Limit(LimitArgs),
    /// Is the function differentiable at a point (or where on an interval is it not)?
    CheckDifferentiable(CheckArgs),
    /// Every partial derivative: the gradient
    Grad(GradArgs),
    /// Gradient descent on a loss, optionally the mean over the rows of a CSV file
    Descend(DescendArgs),
    /// Draw the function, with a tangent and/or secant line, in the terminal or as SVG
    Plot(PlotArgs),
    /// Write shell completions to stdout
    #[command(hide = true)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write completions/ and man/ under a directory (the repository root)
    #[command(hide = true)]
    Generate { dir: std::path::PathBuf },
}

#[derive(Args, Debug, Clone)]
pub struct DiffArgs {
    /// The expression, or - to read one expression per line from stdin
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
    /// The variable to differentiate by (default: the only variable)
    #[arg(long, value_name = "VAR")]
    pub wrt: Option<String>,
    /// Differentiate this many times
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub order: u32,
    /// Also evaluate the derivative at a point: 3, x=3, pi/4, w=1,b=0
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Show the working a tutor would write: each rule, its template with the parts named, the result
    #[arg(long, conflicts_with_all = ["definition", "at"])]
    pub steps: bool,
    /// Grade an answer: exit 0 if ANSWER is the derivative, 1 (with a point where it differs) if not
    #[arg(long, value_name = "ANSWER", allow_hyphen_values = true, conflicts_with_all = ["steps", "definition", "at"])]
    pub check: Option<String>,
    /// Derive it from the limit definition: f(x+h), expand, divide by h, let h -> 0
    #[arg(long, conflicts_with_all = ["order"])]
    pub definition: bool,
    /// How --format pretty labels the answer
    #[arg(long, value_enum, default_value_t = Notation::Operator)]
    pub notation: Notation,
}

impl From<Notation> for crate::render::present::Notation {
    fn from(n: Notation) -> Self {
        match n {
            Notation::Operator => Self::Operator,
            Notation::Leibniz => Self::Leibniz,
            Notation::Lagrange => Self::Lagrange,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notation {
    /// d/dx (x³) = 3x²
    Operator,
    /// y = x³, dy/dx = 3x²
    Leibniz,
    /// f(x) = x³, f'(x) = 3x²
    Lagrange,
}

#[derive(Args, Debug, Clone)]
pub struct SlopeArgs {
    /// The expression, or - to read one expression per line from stdin
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
    /// The point: 3, x=3, pi/4, or w=1,b=0 (the other variables are held fixed)
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: String,
    /// The variable to nudge (default: the only variable)
    #[arg(long, value_name = "VAR")]
    pub wrt: Option<String>,
    /// Rows of the table: h = 10^-1 … 10^-ROWS from each side
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..=30))]
    pub rows: u32,
    /// Also draw the function and the line below the answer
    #[arg(long)]
    pub plot: bool,
}

#[derive(Args, Debug, Clone)]
pub struct SecantArgs {
    /// The expression, or - to read one expression per line from stdin
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
    /// Start of the interval (a)
    #[arg(long, value_name = "A", allow_hyphen_values = true, requires = "to", conflicts_with = "h")]
    pub from: Option<String>,
    /// End of the interval (b)
    #[arg(long, value_name = "B", allow_hyphen_values = true, requires = "from")]
    pub to: Option<String>,
    /// The point a (and any other variables' fixed values), with --h
    #[arg(long, value_name = "POINT", allow_hyphen_values = true, requires = "h")]
    pub at: Option<String>,
    /// The width h = b - a, with --at
    #[arg(long, value_name = "H", allow_hyphen_values = true, requires = "at")]
    pub h: Option<String>,
    /// The variable (default: the only variable)
    #[arg(long, value_name = "VAR")]
    pub wrt: Option<String>,
    /// Also draw the function and the line below the answer
    #[arg(long)]
    pub plot: bool,
}

#[derive(Args, Debug, Clone)]
pub struct TangentArgs {
    /// The expression, or - to read one expression per line from stdin
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
    /// The point of tangency: 3, x=3, pi/4, w=1,b=0
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: String,
    /// The variable (default: the only variable)
    #[arg(long, value_name = "VAR")]
    pub wrt: Option<String>,
    /// Also draw the function and the line below the answer
    #[arg(long)]
    pub plot: bool,
}

#[derive(Args, Debug, Clone)]
pub struct EvalArgs {
    /// The expression, or - to read one expression per line from stdin
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
    /// Values for the variables: 3, x=3, pi/4, w=1,b=0
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct LimitArgs {
    /// The expression, or - to read one expression per line from stdin
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
    /// Where the variable goes: 0, x=0, pi/2, inf, -inf (also oo, ∞); other variables held: x=0,a=2
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: String,
    /// Approach from one side only
    #[arg(long, value_enum)]
    pub side: Option<SideChoice>,
    /// The variable (default: the only variable)
    #[arg(long, value_name = "VAR")]
    pub wrt: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideChoice {
    /// From below (x < a)
    Left,
    /// From above (x > a)
    Right,
}

#[derive(Args, Debug, Clone)]
#[command(group = clap::ArgGroup::new("where").required(true).args(["at", "on"]))]
pub struct CheckArgs {
    /// The expression, or - to read one expression per line from stdin
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
    /// The point: 3, x=3, pi/4, w=1,b=0
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// An interval A..B: list every point in it where f is not differentiable
    #[arg(long, value_name = "A..B", allow_hyphen_values = true)]
    pub on: Option<String>,
    /// With --on: list at most this many points (and count the rest)
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_points: usize,
    /// The variable (default: the only variable)
    #[arg(long, value_name = "VAR")]
    pub wrt: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct GradArgs {
    /// The expression, or - to read one expression per line from stdin
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
    /// The variables, comma-separated (default: every free variable not bound by --data)
    #[arg(long, value_name = "VARS", value_delimiter = ',')]
    pub wrt: Vec<String>,
    /// Evaluate the gradient at a point: w=1,b=0
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// A CSV file whose columns bind the other variables; the loss is the mean over its rows
    #[arg(long, value_name = "FILE.csv")]
    pub data: Option<std::path::PathBuf>,
    /// Show the autograd tape at --at: the forward pass (each operation and its value) and the
    /// backward pass (each node's adjoint), as PyTorch's loss.backward() and JAX's jax.grad compute it
    #[arg(long, requires = "at", conflicts_with_all = ["data", "order"])]
    pub tape: bool,
    /// 1: the gradient; 2: the Hessian, every second partial derivative
    #[arg(long, value_name = "N", default_value = "1", value_parser = clap::value_parser!(u8).range(1..=2))]
    pub order: u8,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptimizerName {
    Sgd,
    Momentum,
    Adam,
}

#[derive(Args, Debug, Clone)]
pub struct DescendArgs {
    /// The loss, or - to read one per line from stdin
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
    /// The starting point: w=0,b=0
    #[arg(long, value_name = "POINT", allow_hyphen_values = true)]
    pub from: String,
    /// The learning rate η (default: 0.01, or 0.001 for adam as in PyTorch)
    #[arg(long, value_name = "ETA")]
    pub rate: Option<String>,
    /// How many steps to take at most (it stops sooner on convergence)
    #[arg(long, value_name = "N", default_value = "1000", value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
    pub iterations: u64,
    /// The update rule: sgd (θ ← θ − η·g), momentum (torch.optim.SGD with momentum) or adam (torch.optim.Adam)
    #[arg(long, value_enum, default_value = "sgd")]
    pub optimizer: OptimizerName,
    /// Momentum μ for --optimizer momentum: v ← μ·v + g, θ ← θ − η·v
    #[arg(long, value_name = "MU", default_value = "0.9")]
    pub momentum: f64,
    /// Adam's β₁, β₂ (decay of the mean and of the square of the gradient)
    #[arg(long, value_name = "B1,B2", value_delimiter = ',', default_value = "0.9,0.999")]
    pub betas: Vec<f64>,
    /// Adam's ε, added to the root of the second moment
    #[arg(long, value_name = "EPS", default_value = "1e-8")]
    pub eps: f64,
    /// Minibatches of N rows of --data, reshuffled each epoch (default: every row each step)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub batch_size: Option<u64>,
    /// The seed of the minibatch shuffles (the same seed gives the same batches)
    #[arg(long, value_name = "S", default_value = "0")]
    pub seed: u64,
    /// The parameters, comma-separated (default: the variables not bound by --data)
    #[arg(long, value_name = "VARS", value_delimiter = ',')]
    pub wrt: Vec<String>,
    /// A CSV file whose columns bind the other variables; the loss is the mean over its rows
    #[arg(long, value_name = "FILE.csv")]
    pub data: Option<std::path::PathBuf>,
    /// Show every K-th iteration (default: all when there are at most 20, else about 20 rows)
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..))]
    pub every: Option<u64>,
    /// Stop when the gradient's norm falls below this
    #[arg(long, value_name = "T", default_value = "1e-12")]
    pub tolerance: f64,
    /// Draw the loss curve under the table (log scale when the loss falls far)
    #[arg(long)]
    pub plot: bool,
    /// Also write the loss curve as an SVG file
    #[arg(long, value_name = "FILE")]
    pub svg: Option<std::path::PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct PlotArgs {
    /// The expression
    #[arg(allow_hyphen_values = true)]
    pub expr: String,
    /// Left end of the x-range (default: around the marked points, else -5)
    #[arg(long, value_name = "A", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Right end of the x-range
    #[arg(long, value_name = "B", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Draw the tangent line at this point
    #[arg(long, value_name = "A", allow_hyphen_values = true)]
    pub tangent_at: Option<String>,
    /// Draw the secants from A to A + h for h = 1, 1/2, 1/4, 1/8 and the tangent they turn into
    #[arg(long, value_name = "A", allow_hyphen_values = true)]
    pub secants_at: Option<String>,
    /// Draw f' too
    #[arg(long)]
    pub derivative: bool,
    /// Draw the secant line through these two points: A,B
    #[arg(long, value_name = "A,B", allow_hyphen_values = true)]
    pub secant: Option<String>,
    /// Also write the plot as an SVG file
    #[arg(long, value_name = "FILE")]
    pub svg: Option<std::path::PathBuf>,
    /// The variable (default: the only variable)
    #[arg(long, value_name = "VAR")]
    pub wrt: Option<String>,
    #[command(flatten)]
    pub size: PlotSize,
}

#[derive(Args, Debug, Clone)]
pub struct PlotSize {
    /// Plot width in characters
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u16).range(10..=400))]
    pub width: u16,
    /// Plot height in characters
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(4..=200))]
    pub height: u16,
}
