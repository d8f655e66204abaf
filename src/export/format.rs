//! What `orgraph export` can make: the views and the formats, and the default file names.

/// What a diagram shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The reporting tree.
    Org,
    /// Roles and the scopes they hold responsibilities on.
    Responsibilities,
    /// Both together.
    Full,
}

impl View {
    /// Every view, in the order `--view` lists them.
    pub const ALL: [View; 3] = [View::Org, View::Responsibilities, View::Full];

    /// The view's name on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            View::Org => "org",
            View::Responsibilities => "responsibilities",
            View::Full => "full",
        }
    }

    /// Whether reporting and dotted lines are drawn.
    pub(crate) fn shows_reporting(self) -> bool {
        self != View::Responsibilities
    }

    /// Whether responsibility lines (and every scope) are drawn.
    pub(crate) fn shows_responsibilities(self) -> bool {
        self != View::Org
    }
}

/// An output format of `orgraph export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Graphviz DOT text.
    Dot,
    /// SVG, by the built-in engine or Graphviz.
    Svg,
    /// PNG, through Graphviz.
    Png,
    /// PDF, through Graphviz.
    Pdf,
    /// A Mermaid flowchart, as GitHub renders it.
    Mermaid,
    /// The RACI matrix as a Markdown table.
    RaciMd,
    /// The RACI matrix as CSV.
    RaciCsv,
    /// The resolved model in the file schema.
    Json,
}

impl Format {
    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Mermaid => "mermaid",
            Format::RaciMd => "raci-md",
            Format::RaciCsv => "raci-csv",
            Format::Json => "json",
        }
    }

    /// The file extension of the default output path.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Mermaid => "mmd",
            Format::RaciMd => "md",
            Format::RaciCsv => "csv",
            _ => self.name(),
        }
    }

    /// Whether the view changes the output; RACI matrices and the model JSON have none.
    pub fn has_view(self) -> bool {
        !matches!(self, Format::RaciMd | Format::RaciCsv | Format::Json)
    }

    /// The default file name for a model stem: `STEM-VIEW.EXT`, `STEM-raci.EXT`, `STEM.json`.
    pub fn file_name(self, stem: &str, view: View) -> String {
        match self {
            Format::Json => format!("{stem}.json"),
            Format::RaciMd | Format::RaciCsv => format!("{stem}-raci.{}", self.extension()),
            _ => format!("{stem}-{}.{}", view.name(), self.extension()),
        }
    }
}
