//! Static markup written as one HTML string: for parts that never change after they are drawn
//! (a board card is drawn again as a whole when its deal changes), one string handed to the
//! browser's parser costs one crossing from wasm to JS instead of one per element, attribute
//! and text. Every text and attribute value goes through [`Markup::text`] or
//! [`Markup::attr`], which escape it: deal titles come from users and imported files.

/// An HTML fragment being written.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// An empty fragment with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Markup {
        Markup(String::with_capacity(capacity))
    }

    /// Opens `<tag class="class"` (attributes may follow; close with [`Markup::end_open`]).
    pub fn open(&mut self, tag: &str, class: &str) -> &mut Markup {
        self.0.push('<');
        self.0.push_str(tag);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self
    }

    /// Adds ` name="value"` to the open tag, the value escaped.
    pub fn attr(&mut self, name: &str, value: &str) -> &mut Markup {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        escape_into(&mut self.0, value);
        self.0.push('"');
        self
    }

    /// Ends the open tag: `>`.
    pub fn end_open(&mut self) -> &mut Markup {
        self.0.push('>');
        self
    }

    /// A whole element `<tag class="class">text</tag>`, the text escaped.
    pub fn element(&mut self, tag: &str, class: &str, text: &str) -> &mut Markup {
        self.open(tag, class).end_open().text(text).close(tag)
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        escape_into(&mut self.0, text);
        self
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Markup {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// The finished fragment.
    pub fn finish(self) -> String {
        self.0
    }
}

/// Appends `text` with `& < > " '` replaced by character references, so that no text can
/// close an attribute or open an element.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut m = Markup::default();
        m.open("h3", "deal-title")
            .attr("aria-label", "\"><script>x</script>")
            .end_open()
            .text("ООО «Ромашка» & <b>Sons</b> 'quoted'")
            .close("h3");
        assert_eq!(
            m.finish(),
            "<h3 class=\"deal-title\" aria-label=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">\
             ООО «Ромашка» &amp; &lt;b&gt;Sons&lt;/b&gt; &#39;quoted&#39;</h3>"
        );
    }

    #[test]
    fn plain_text_is_unchanged_and_elements_nest() {
        let mut m = Markup::with_capacity(64);
        m.open("p", "deal-meta").end_open();
        m.element("span", "deal-amount", "1 250 000 ₽");
        m.element("span", "", "Анна");
        m.close("p");
        assert_eq!(
            m.finish(),
            "<p class=\"deal-meta\"><span class=\"deal-amount\">1 250 000 ₽</span>\
             <span>Анна</span></p>"
        );
    }

    #[test]
    fn escaping_any_text_leaves_no_markup_characters() {
        for text in ["", "&&", "<<>>", "a\"b'c", "x&amp;y", "\u{0}<\u{202e}>"] {
            let mut out = String::new();
            escape_into(&mut out, text);
            assert!(!out.contains(['<', '>', '"', '\'']), "{out}");
            let back = out
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            assert_eq!(back, text);
        }
    }
}
