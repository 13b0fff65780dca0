//! How deep a front-matter block nests, told by one linear scan before any parser sees the block.
//!
//! The YAML and TOML parsers refuse absurd nesting only after spending time that grows faster than the
//! block (100,000 nested `[` took 36 s), and the field walk after them recurses once per level. These
//! scans follow just enough of each syntax to count levels: quoted strings and comments are skipped, so
//! brackets inside them do not count; YAML block scalars (`|`, `>`) are skipped whole. They may count a
//! level too many on odd input (a plain scalar continued on a line that opens with `- `), never one
//! too few for the nesting they know: indentation, `- `/`? ` indicators, flow collections, TOML tables,
//! dotted keys, arrays and inline tables.

/// The 1-based line of the YAML `block` where nesting first goes deeper than `limit`, if it does.
pub(super) fn yaml_too_deep(block: &str, limit: usize) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = Flow::default();
    // The indentation of the line that opened a block scalar: more indented lines are its text.
    let mut scalar_parent: Option<usize> = None;
    for (n, line) in block.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line[indent..].trim_end();
        if let Some(parent) = scalar_parent {
            if content.is_empty() || indent > parent {
                continue;
            }
            scalar_parent = None;
        }
        let ok = if flow.is_open() {
            flow.scan(line, limit)
        } else if content.is_empty() || content.starts_with('#') {
            true
        } else {
            while indents.last().is_some_and(|&top| top > indent) {
                indents.pop();
            }
            if indents.last().is_none_or(|&top| top < indent) {
                indents.push(indent);
            }
            yaml_line(
                content,
                indents.len(),
                indent,
                limit,
                &mut flow,
                &mut scalar_parent,
            )
        };
        if !ok {
            return Some(n + 1);
        }
    }
    None
}

/// One block-context line (without its indentation) at block depth `depth`: false when it nests past
/// `limit`. Opens a flow collection or quoted scalar in `flow` when the line leaves one open, and sets
/// `scalar_parent` when a block scalar starts.
fn yaml_line(
    content: &str,
    mut depth: usize,
    indent: usize,
    limit: usize,
    flow: &mut Flow,
    scalar_parent: &mut Option<usize>,
) -> bool {
    let mut rest = content;
    // "- - a", "? a": each indicator opens one more level.
    while let Some(after) = rest
        .strip_prefix(['-', '?'])
        .filter(|r| r.is_empty() || r.starts_with([' ', '\t']))
    {
        depth += 1;
        rest = after.trim_start();
    }
    if depth > limit {
        return false;
    }
    // The node: a key (or a scalar), then perhaps `: value` with the value's own node.
    let mut node = skip_properties(rest);
    for _ in 0..2 {
        match node.chars().next() {
            Some('[' | '{') => {
                flow.base = depth;
                return flow.scan(node, limit);
            }
            Some(q @ ('"' | '\'')) => match closing_quote(&node[1..], q) {
                Some(end) => node = &node[1 + end + 1..],
                None => {
                    // A quoted scalar that goes on over the next lines.
                    flow.base = depth;
                    flow.quote = Some(q);
                    return flow.scan(&node[1..], limit);
                }
            },
            Some('|' | '>') => {
                *scalar_parent = Some(indent);
                return true;
            }
            _ => {}
        }
        match value_after_key(node) {
            Some(value) => node = skip_properties(value),
            None => return true,
        }
    }
    true
}

/// The text after a mapping's `:` indicator (a colon followed by a space or the line's end), if the line
/// has one before a comment.
fn value_after_key(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'#' if i > 0 && bytes[i - 1] == b' ' => return None,
            b':' if matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => {
                return Some(text[i + 1..].trim_start());
            }
            _ => {}
        }
    }
    None
}

/// Skips a node's anchor (`&a`) and tag (`!t`) before its content.
fn skip_properties(mut text: &str) -> &str {
    while text.starts_with(['&', '!']) {
        let end = text.find([' ', '\t']).unwrap_or(text.len());
        text = text[end..].trim_start();
    }
    text
}

/// Byte offset of the quote closing a scalar opened by `q` (`''` inside single quotes is an escaped
/// quote, `\` escapes inside double quotes).
fn closing_quote(text: &str, q: char) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if q == '"' && b == b'\\' {
            i += 2;
            continue;
        }
        if b == q as u8 {
            if q == '\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A YAML flow collection (or a quoted scalar) that may go on over several lines.
#[derive(Debug, Default)]
struct Flow {
    /// Block depth where it opened.
    base: usize,
    /// Open `[` and `{`.
    depth: usize,
    /// The quote of an open quoted scalar.
    quote: Option<char>,
    /// Whether a node may start here (after `[`, `{`, `,` or `:`), so that a quote opens a scalar.
    node_start: bool,
}

impl Flow {
    fn is_open(&self) -> bool {
        self.depth > 0 || self.quote.is_some()
    }

    /// Scans a line (or its rest) until the collection closes: false when nesting passes `limit`.
    fn scan(&mut self, text: &str, limit: usize) -> bool {
        let mut chars = text.chars().peekable();
        let mut after_space = true;
        while let Some(c) = chars.next() {
            if let Some(q) = self.quote {
                // A backslash escape in double quotes, `''` in single quotes: the next char is text.
                let escape =
                    (q == '"' && c == '\\') || (c == q && q == '\'' && chars.peek() == Some(&'\''));
                if escape {
                    chars.next();
                } else if c == q {
                    self.quote = None;
                    self.node_start = false;
                    if self.depth == 0 {
                        return true;
                    }
                }
                continue;
            }
            match c {
                '[' | '{' => {
                    self.depth += 1;
                    self.node_start = true;
                    if self.base + self.depth > limit {
                        return false;
                    }
                }
                ']' | '}' => {
                    self.depth = self.depth.saturating_sub(1);
                    self.node_start = false;
                    if self.depth == 0 {
                        return true;
                    }
                }
                ',' | ':' => self.node_start = true,
                '"' | '\'' if self.node_start => self.quote = Some(c),
                '#' if after_space => return true,
                c if c.is_whitespace() => {}
                _ => self.node_start = false,
            }
            after_space = c.is_whitespace();
        }
        true
    }
}

/// The 1-based line of the TOML `block` where nesting first goes deeper than `limit`, if it does: tables
/// (`[a.b.c]`), dotted keys, arrays and inline tables, outside strings and comments.
pub(super) fn toml_too_deep(block: &str, limit: usize) -> Option<usize> {
    let bytes = block.as_bytes();
    let mut s = Toml::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let line_start = s.line_start;
        s.line_start = false;
        i += 1;
        let deepest = match b {
            b'\n' => {
                s.newline();
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                s.line_start = line_start;
                continue;
            }
            b'#' => {
                i += bytes[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .unwrap_or(bytes.len() - i);
                continue;
            }
            b'"' | b'\'' => {
                i = s.skip_string(bytes, i - 1);
                continue;
            }
            b'[' if s.stack.is_empty() && line_start => {
                let (depth, end) = table_header(bytes, i - 1);
                i = end;
                s.table = depth;
                depth
            }
            b'.' if s.key => {
                s.dots += 1;
                s.key_base() + s.dots + 1
            }
            b'=' if s.key => {
                s.key = false;
                s.value = s.key_base() + s.dots + 1;
                s.value
            }
            b'[' | b'{' if !s.key => s.open(b == b'{'),
            b']' | b'}' => {
                s.close();
                0
            }
            b',' if s.stack.last().is_some_and(|&(table, _)| table) => {
                s.key = true;
                s.dots = 0;
                0
            }
            _ => 0,
        };
        if deepest > limit {
            return Some(s.line);
        }
    }
    None
}

/// The scan state of [`toml_too_deep`].
#[derive(Debug)]
struct Toml {
    /// 1-based line.
    line: usize,
    /// Only spaces since the line began.
    line_start: bool,
    /// Depth of the current `[table]`.
    table: usize,
    /// Open arrays and inline tables: whether an inline table, and the depth inside it.
    stack: Vec<(bool, usize)>,
    /// Whether a key is being read (before its `=`).
    key: bool,
    /// Dots in the key so far.
    dots: usize,
    /// Depth of the value being read.
    value: usize,
}

impl Default for Toml {
    fn default() -> Self {
        Self {
            line: 1,
            line_start: true,
            table: 0,
            stack: Vec::new(),
            key: true,
            dots: 0,
            value: 0,
        }
    }
}

impl Toml {
    fn newline(&mut self) {
        self.line += 1;
        self.line_start = true;
        if self.stack.is_empty() {
            self.key = true;
            self.dots = 0;
        }
    }

    /// Depth of the table or inline table the current key is in.
    fn key_base(&self) -> usize {
        self.stack.last().map_or(self.table, |&(_, depth)| depth)
    }

    /// Opens an array or inline table; its depth.
    fn open(&mut self, inline_table: bool) -> usize {
        let depth = self.value + 1;
        self.stack.push((inline_table, depth));
        self.value = depth;
        if inline_table {
            self.key = true;
            self.dots = 0;
        }
        depth
    }

    fn close(&mut self) {
        self.stack.pop();
        self.key = false;
        if let Some(&(_, depth)) = self.stack.last() {
            self.value = depth;
        }
    }

    /// Skips the string opening at `at` (basic, literal, or their multi-line forms); returns the index
    /// after it (at the line end for an unclosed single-line string). Counts the lines it passes.
    fn skip_string(&mut self, bytes: &[u8], at: usize) -> usize {
        let q = bytes[at];
        let triple = bytes.get(at + 1) == Some(&q) && bytes.get(at + 2) == Some(&q);
        let mut i = if triple { at + 3 } else { at + 1 };
        while i < bytes.len() {
            let b = bytes[i];
            if q == b'"' && b == b'\\' {
                if bytes.get(i + 1) == Some(&b'\n') {
                    self.line += 1;
                }
                i += 2;
                continue;
            }
            if b == b'\n' {
                if !triple {
                    return i;
                }
                self.line += 1;
            }
            if b == q && (!triple || bytes[i..].starts_with(&[q, q, q])) {
                // A multi-line string may end with up to two more quotes of its own.
                let mut end = if triple { i + 3 } else { i + 1 };
                while triple && bytes.get(end) == Some(&q) && end < i + 5 {
                    end += 1;
                }
                return end;
            }
            i += 1;
        }
        i
    }
}

/// A `[table]` or `[[array.of.tables]]` header opening at `at`: its depth and the index of its line end.
fn table_header(bytes: &[u8], at: usize) -> (usize, usize) {
    let array = bytes.get(at + 1) == Some(&b'[');
    let mut depth = 1 + usize::from(array);
    let mut quote = None;
    let mut i = at + 1;
    while i < bytes.len() && bytes[i] != b'\n' {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'.' => depth += 1,
            None if b == b']' || b == b'#' => break,
            None => {}
        }
        i += 1;
    }
    let end = i + bytes[i..]
        .iter()
        .position(|&c| c == b'\n')
        .unwrap_or(bytes.len() - i);
    (depth, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_yaml_is_shallow() {
        let yaml = "id: a\ntitle: \"Rubrik [1]: med kolon\"\ntags: [skola, 'bygg [x', {a: b}]\nauthor:\n  name: Anna\n  links:\n    - https://example.org/a\n    - url: https://example.org/b\ndescription: |\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n      - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\nnote: it's [not a list\n";
        assert_eq!(yaml_too_deep(yaml, 4), None);
        // The list items under `links` are the deepest: four levels.
        assert_eq!(yaml_too_deep(yaml, 3), Some(7));
    }

    #[test]
    fn deep_yaml_is_found_on_its_line() {
        let flow = format!("id: a\nx: {}\n", "[".repeat(40));
        assert_eq!(yaml_too_deep(&flow, 32), Some(2));
        let multi = format!("id: a\nx: [\n{}\n", "{a: [\n".repeat(20));
        assert_eq!(yaml_too_deep(&multi, 32), Some(18));
        let block: String = (0..40)
            .map(|d| format!("{}k{d}:\n", " ".repeat(d)))
            .collect();
        assert_eq!(yaml_too_deep(&block, 32), Some(33));
        let dashes = format!("x:\n  {}a\n", "- ".repeat(40));
        assert_eq!(yaml_too_deep(&dashes, 32), Some(2));
        let quoted = format!("x: \"{}\"\ny: {}", "[".repeat(40), "[".repeat(40));
        assert_eq!(yaml_too_deep(&quoted, 32), Some(2));
    }

    #[test]
    fn toml_nesting_is_counted_outside_strings() {
        let toml = "id = \"a\"\ntitle = \"[[[[[[[[[[\"\nraw = '''\n{{{{{{{{{{{{\n'''\nn = 1.5\n[author]\nname = \"Anna\" # [[[[[[[[[[\n[[links]]\nurl = \"https://a.example/\"\ntags = [[\"a\", \"b\"], [\"c\"]]\nx = { a = { b = 1 } }\n";
        assert_eq!(toml_too_deep(toml, 7), None);
        // `x.a.b` in `x = { a = { b = 1 } }` is the deepest value.
        assert_eq!(toml_too_deep(toml, 6), Some(12));
        let arrays = format!("id = \"a\"\nx = {}\n", "[".repeat(40));
        assert_eq!(toml_too_deep(&arrays, 32), Some(2));
        let tables = format!("x = {}1{}\n", "{a = ".repeat(40), "}".repeat(40));
        assert_eq!(toml_too_deep(&tables, 32), Some(1));
        let dotted = format!("id = 1\n{} = 1\n", vec!["a"; 40].join("."));
        assert_eq!(toml_too_deep(&dotted, 32), Some(2));
        let header = format!("id = 1\n[{}]\n", vec!["a"; 40].join("."));
        assert_eq!(toml_too_deep(&header, 32), Some(2));
    }
}
