//! The Fluent subset the catalog is written in, parsed into patterns.

/// One message: its id and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub pattern: Vec<Element>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Text(String),
    /// `{ $name }`
    Var(String),
    /// `{ $selector -> [key] … *[other] … }`
    Select {
        selector: String,
        variants: Vec<(Key, Vec<Element>)>,
        /// The index of the `*` variant.
        default: usize,
    },
}

/// A variant's key: `[0]` or `[one]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Number(i64),
    Name(String),
}

/// Where a file does not parse, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based.
    pub line: usize,
    pub reason: &'static str,
}

impl Message {
    /// The variables the message names, selectors included, sorted.
    pub fn variables(&self) -> Vec<String> {
        fn walk(pattern: &[Element], out: &mut Vec<String>) {
            for e in pattern {
                match e {
                    Element::Text(_) => {}
                    Element::Var(v) => out.push(v.clone()),
                    Element::Select {
                        selector, variants, ..
                    } => {
                        out.push(selector.clone());
                        for (_, p) in variants {
                            walk(p, out);
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.pattern, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Every message of `source`, and every error; a message with an error is
/// left out, the rest still parse.
pub fn parse(source: &str) -> (Vec<Message>, Vec<ParseError>) {
    let lines: Vec<&str> = source.lines().collect();
    let (mut messages, mut errors) = (Vec::new(), Vec::new());
    let mut ids = std::collections::HashSet::new();
    let mut i = 0;
    while i < lines.len() {
        let (number, line) = (i + 1, lines[i].trim_end());
        i += 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |reason| ParseError {
            line: number,
            reason,
        };
        if line.starts_with([' ', '\t']) {
            errors.push(error("an indented line outside a message"));
            continue;
        }
        let Some((id, first)) = line.split_once('=') else {
            errors.push(error("a line that is not `id = value`"));
            continue;
        };
        let id = id.trim();
        // Its value: the rest of the line and every indented line after.
        let mut value = first.trim().to_owned();
        while i < lines.len() && lines[i].starts_with([' ', '\t']) && !lines[i].trim().is_empty() {
            if !value.is_empty() {
                value.push('\n');
            }
            value.push_str(lines[i].trim());
            i += 1;
        }
        if !is_identifier(id) {
            errors.push(error(
                "a message id is a letter, then letters, digits, - or _",
            ));
            continue;
        }
        if !ids.insert(id.to_owned()) {
            errors.push(error("a message id defined twice"));
            continue;
        }
        if value.is_empty() {
            errors.push(error("a message with no value"));
            continue;
        }
        let mut cursor = Cursor {
            chars: value.chars().collect(),
            at: 0,
        };
        match cursor.pattern(false) {
            Ok(pattern) if cursor.at == cursor.chars.len() => messages.push(Message {
                id: id.to_owned(),
                pattern,
            }),
            Ok(_) => errors.push(error("a `}` with no `{`")),
            Err(reason) => errors.push(error(reason)),
        }
    }
    (messages, errors)
}

struct Cursor {
    chars: Vec<char>,
    at: usize,
}

type Parsed<T> = std::result::Result<T, &'static str>;

impl Cursor {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_blank(&mut self, newlines: bool) {
        while let Some(c) = self.peek() {
            if c == ' ' || c == '\t' || (newlines && c == '\n') {
                self.at += 1;
            } else {
                break;
            }
        }
    }

    fn expect(&mut self, c: char, reason: &'static str) -> Parsed<()> {
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(reason)
        }
    }

    /// Text and placeables up to the end, or (in a variant) to the line's
    /// end or a closing brace, which is left for the caller.
    fn pattern(&mut self, variant: bool) -> Parsed<Vec<Element>> {
        let mut out = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                '{' => {
                    self.at += 1;
                    if !text.is_empty() {
                        out.push(Element::Text(std::mem::take(&mut text)));
                    }
                    out.push(self.placeable()?);
                }
                '}' => break,
                '\n' if variant => break,
                c => {
                    text.push(c);
                    self.at += 1;
                }
            }
        }
        if variant {
            text.truncate(text.trim_end().len());
        }
        if !text.is_empty() {
            out.push(Element::Text(text));
        }
        Ok(out)
    }

    fn identifier(&mut self) -> Parsed<String> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            self.at += 1;
        }
        let name: String = self.chars[start..self.at].iter().collect();
        if is_identifier(&name) {
            Ok(name)
        } else {
            Err("a name is a letter, then letters, digits, - or _")
        }
    }

    /// After `{`: a variable, a string literal or a select, then `}`.
    fn placeable(&mut self) -> Parsed<Element> {
        self.skip_blank(true);
        if self.peek() == Some('"') {
            self.at += 1;
            let start = self.at;
            while self.peek().is_some_and(|c| c != '"' && c != '\n') {
                self.at += 1;
            }
            let text: String = self.chars[start..self.at].iter().collect();
            self.expect('"', "a string literal with no closing quote")?;
            self.skip_blank(true);
            self.expect('}', "a placeable with no closing brace")?;
            return Ok(Element::Text(text));
        }
        self.expect('$', "a placeable names a variable: { $name }")?;
        let name = self.identifier()?;
        self.skip_blank(true);
        if self.peek() == Some('}') {
            self.at += 1;
            return Ok(Element::Var(name));
        }
        self.expect('-', "a placeable is { $name } or a select { $name -> … }")?;
        self.expect('>', "a placeable is { $name } or a select { $name -> … }")?;
        let (mut variants, mut default) = (Vec::new(), None);
        loop {
            self.skip_blank(true);
            match self.peek() {
                Some('}') => {
                    self.at += 1;
                    break;
                }
                Some('*') => {
                    self.at += 1;
                    if default.replace(variants.len()).is_some() {
                        return Err("a select with two default variants");
                    }
                }
                Some('[') => {}
                _ => return Err("a select's variants are `[key] text`, one a line"),
            }
            self.expect('[', "a variant starts with [key]")?;
            let start = self.at;
            while self.peek().is_some_and(|c| c != ']' && c != '\n') {
                self.at += 1;
            }
            let key: String = self.chars[start..self.at].iter().collect();
            self.expect(']', "a variant key with no closing ]")?;
            let key = key.trim();
            let key = match key.parse::<i64>() {
                Ok(n) => Key::Number(n),
                Err(_) if is_identifier(key) => Key::Name(key.to_owned()),
                Err(_) => return Err("a variant key is a number or a name"),
            };
            self.skip_blank(false);
            let value = self.pattern(true)?;
            if value.is_empty() {
                return Err("a variant with no value (write { \"\" } for none)");
            }
            variants.push((key, value));
        }
        let Some(default) = default else {
            return Err("a select with no default *[variant]");
        };
        Ok(Element::Select {
            selector: name,
            variants,
            default,
        })
    }
}
