//! Bodies a hostile or careless server sends.

/// An XML error body whose root has `n` empty attributes (30,000 is about 290 KB): the probe that
/// kept the CLI busy for 24 s with a quadratic duplicate-attribute check.
pub fn xml_with_empty_attributes(n: usize) -> String {
    let mut out = String::with_capacity(n * 10 + 16);
    out.push_str("<errors");
    for i in 0..n {
        out.push_str(&format!(" a{i}=\"\""));
    }
    out.push_str("/>");
    out
}

/// `n` empty elements, to put inside a root element.
pub fn xml_elements(n: usize) -> String {
    "<x/>".repeat(n)
}

/// A JSON value nested `depth` arrays deep.
pub fn json_nested(depth: usize) -> String {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
}

/// `text` escaped for an XML attribute value.
pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A PMS-style HTML error page.
pub fn html_page(status: u16) -> String {
    format!("<html><head><title>{status}</title></head><body><h1>{status} Error</h1></body></html>")
}

/// `data` as a gzip member (one stored deflate block): what a server sends with
/// `Content-Encoding: gzip` when the client did not ask for it.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let len = u16::try_from(data.len()).expect("one stored block holds at most 65535 bytes");
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.push(1); // final block, stored
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn gzip_member_is_well_formed() {
    // The CRC-32 check value from the gzip spec's reference implementation.
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    let member = gzip(b"{}");
    assert_eq!(member.len(), 10 + 5 + 2 + 8);
    assert_eq!(&member[..3], &[0x1f, 0x8b, 8]);
}
