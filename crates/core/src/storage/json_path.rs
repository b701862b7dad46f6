//! The path (`deals[3].amount`) of the value at a position in JSON text, so that an import
//! error can name where a value of the wrong type is. A small scanner instead of a
//! path-tracking deserializer, which doubled the deserialization code in the wasm.

enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The path of the value at `line`:`column` (1-based, as serde_json reports errors).
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let end = (line_start + column.saturating_sub(1)).min(text.len());
    let bytes = &text.as_bytes()[..end];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object {
                    key,
                    expecting_key: expecting @ true,
                }) = stack.last_mut()
                {
                    let raw = &text[start..i.min(bytes.len())];
                    *key = Some(
                        serde_json::from_str::<String>(&format!("\"{raw}\""))
                            .unwrap_or_else(|_| raw.to_string()),
                    );
                    *expecting = false;
                }
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        path.push('$');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of_error(text: &str) -> String {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Deal {
            id: u32,
            amount: i64,
            client: Client,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Client {
            email: String,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Data {
            name: String,
            deals: Vec<Deal>,
        }
        let e = serde_json::from_str::<Data>(text).unwrap_err();
        path_at(text, e.line(), e.column())
    }

    #[test]
    fn names_the_value_of_the_wrong_type() {
        let deal = r#"{"id":1,"amount":5,"client":{"email":"a@b.ru"}}"#;
        let bad_amount = format!(
            r#"{{"name":"x","deals":[{deal},{deal},{deal},{{"id":4,"amount":"много","client":{{"email":"x"}}}}]}}"#
        );
        assert_eq!(path_of_error(&bad_amount), "deals[3].amount");
        let bad_email = format!(
            r#"{{"name":"x, [y]","deals":[{deal},{{"id":2,"amount":1,"client":{{"email":[1]}}}}]}}"#
        );
        assert_eq!(path_of_error(&bad_email), "deals[1].client.email");
        let pretty = "{\n  \"name\": \"x\",\n  \"deals\": [\n    {\"id\": \"one\"}\n  ]\n}";
        assert_eq!(path_of_error(pretty), "deals[0].id");
        assert_eq!(path_of_error(r#"{"name":7}"#), "name");
    }
}
