//! The discovery and session operations: `GET /resources`, `GET {uri}/identity`, `GET /ping` and
//! `DELETE /users/signout`: refused inputs, decoding of realistic and drifted answers (JSON and
//! XML), and error statuses. Their golden requests are in `vectors/requests/`; the answers a
//! decoding vector holds (`resources_*`, `identity_json`, `error_401_token_details`) are read from
//! `vectors/decoding/`, and the drift tests drift the `resources_fixture` vector's body.
#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] fns unwrap too

mod support;

use plex_auth_core::*;
use serde_json::json;
use support::*;

const OWNED_TOKEN: &str = "Hg7FGK9xVGdWZRa_sj76";

fn resources(body: impl Into<bytes::Bytes>) -> Result<Vec<Resource>, Error> {
    GetResources::new().from_response(json(200, body))
}

/// The body of the `resources_fixture` vector (`fixtures/resources-200.json`), for tests that drift it.
fn fixture() -> serde_json::Value {
    serde_json::from_str(&vector_body("resources_fixture")).unwrap()
}

// Inputs refused before a request is built. The golden requests themselves (resources and its
// flags, identity, ping, sign-out) are vectors/requests/*.json, checked by vectors/tests/vectors.rs.

#[test]
fn resources_need_a_token() {
    let no_token = ClientConfig::builder().client_identifier(CLIENT_ID).build().unwrap();
    let err = GetResources::new().to_request(&no_token).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { field: "X-Plex-Token", .. }), "{err:?}");
}

#[test]
fn identity_refuses_bad_urls_naming_the_input() {
    for bad in
        ["http://user:pw@10.0.0.5:32400", "ftp://10.0.0.5", "10.0.0.5:32400", "http://10.0.0.5:0", "http://h/?q=1"]
    {
        let err = GetServerIdentity::new(bad).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { field: "uri", .. }), "{bad}: {err:?}");
        assert!(!err.to_string().contains("pw@"), "{err}");
    }
}

#[test]
fn ping_and_sign_out_need_a_token() {
    let no_token = ClientConfig::builder().client_identifier(CLIENT_ID).build().unwrap();
    assert!(matches!(Ping::new().to_request(&no_token), Err(Error::InvalidInput { field: "X-Plex-Token", .. })));
    assert!(matches!(SignOut::new().to_request(&no_token), Err(Error::InvalidInput { field: "X-Plex-Token", .. })));
}

// Decoding a realistic answer.

#[test]
fn resources_fixture_decodes_servers_shared_servers_and_players() {
    let list = GetResources::new().from_response(vector_response("resources_fixture")).unwrap();
    assert_eq!(list.len(), 3);
    let (owned, shared, player) = (&list[0], &list[1], &list[2]);

    assert_eq!(owned.name.as_deref(), Some("StreamMaster"));
    assert_eq!(owned.product_version.as_deref(), Some("1.50.7.9541-913b34e21"));
    assert_eq!(owned.client_identifier.as_deref(), Some("8276c3fa6bc24e44b347e19c71fbb98b9287c1e9"));
    assert_eq!(owned.created_at.as_deref(), Some("2020-01-12T15:30:18Z"));
    assert_eq!(owned.last_seen_at.as_deref(), Some("2024-09-05T03:15:45Z"));
    assert_eq!(owned.public_address.as_deref(), Some("54.231.109.34"));
    assert_eq!(
        (owned.owned, owned.home, owned.relay, owned.presence),
        (Some(true), Some(false), Some(true), Some(true))
    );
    assert_eq!((owned.https_required, owned.dns_rebinding_protection), (Some(false), Some(true)));
    assert_eq!(owned.owner_id, None, "null owner: the requester owns it");
    assert_eq!(owned.access_token.as_ref().map(ExposeSecret::expose_secret), Some(OWNED_TOKEN));
    assert!(owned.is_server());
    assert_eq!(owned.provides().collect::<Vec<_>>(), ["server"]);
    assert!(owned.extra.is_empty(), "{:?}", owned.extra);

    let c = owned.connections();
    assert_eq!(c.len(), 4);
    assert_eq!(c[0].protocol, Some(ConnectionProtocol::Https));
    assert_eq!(
        (c[0].address.as_deref(), c[0].port, c[0].local, c[0].relay, c[0].ipv6),
        (Some("192.168.1.150"), Some(32400), Some(true), Some(false), Some(false))
    );
    assert_eq!((c[1].address.as_deref(), c[1].local, c[1].ipv6), (Some("2001:db8::150"), Some(true), Some(true)));
    assert_eq!((c[2].port, c[2].local, c[2].relay), (Some(45678), Some(false), Some(false)));
    assert_eq!(c[3].uri.as_deref(), Some("https://162-243-175-222.fc6b48db927de7394036856ade1760b9.plex.direct:8443"));
    assert_eq!((c[3].local, c[3].relay), (Some(false), Some(true)));

    assert!(shared.is_server());
    assert_eq!(shared.owned, Some(false));
    assert_eq!(shared.access_token, None, "a shared server may come without a token");
    assert_eq!((shared.owner_id, shared.source_title.as_deref()), (Some(12_345_678), Some("grandma")));
    assert_eq!(shared.connections().len(), 1);

    assert!(!player.is_server());
    assert_eq!(player.provides().collect::<Vec<_>>(), ["client", "player", "pubsub-player"]);
    assert!(player.connections().is_empty());
}

#[test]
fn resources_reserialize_to_the_same_json() {
    let list = GetResources::new().from_response(vector_response("resources_fixture")).unwrap();
    let mut want = fixture();
    // Nulls are absence: they do not come back.
    for device in want.as_array_mut().unwrap() {
        device.as_object_mut().unwrap().retain(|_, v| !v.is_null());
    }
    assert_eq!(serde_json::to_value(&list).unwrap(), want);
}

#[test]
fn provides_is_split_trimmed_and_tolerant() {
    let list = resources(r#"[{"provides":" client, server ,,player"},{"provides":"serverish"},{}]"#).unwrap();
    assert_eq!(list[0].provides().collect::<Vec<_>>(), ["client", "server", "player"]);
    assert!(list[0].is_server());
    assert!(!list[1].is_server(), "only the whole item counts");
    assert!(!list[2].is_server() && list[2].provides().next().is_none() && list[2].connections().is_empty());
}

#[test]
fn empty_list_is_no_devices() {
    assert!(GetResources::new().from_response(vector_response("resources_empty")).unwrap().is_empty());
}

// Drift.

#[test]
fn drifted_connection_values_degrade_per_field_and_keep_the_raw_value() {
    let mut body = fixture();
    let c = &mut body[0]["connections"][0];
    c["port"] = json!(-5);
    c["local"] = json!("maybe");
    c["relay"] = json!("0");
    c["IPv6"] = json!(1);
    c["protocol"] = json!("quic");
    let list = resources(body.to_string()).unwrap();
    let c = &list[0].connections()[0];
    assert_eq!((c.port, c.local), (None, None));
    assert_eq!((c.relay, c.ipv6), (Some(false), Some(true)), "0/1 and \"0\"/\"1\" are booleans");
    assert_eq!(c.extra.get("port"), Some(&json!(-5)));
    assert_eq!(c.extra.get("local"), Some(&json!("maybe")));
    assert_eq!(c.protocol, Some(ConnectionProtocol::Unknown("quic".into())));
    assert_eq!(c.address.as_deref(), Some("192.168.1.150"), "the other fields are intact");
    // Written back, the raw values come back as sent.
    let again = serde_json::to_value(c).unwrap();
    assert_eq!(
        (again["port"].clone(), again["local"].clone(), again["protocol"].clone()),
        (json!(-5), json!("maybe"), json!("quic"))
    );
}

#[test]
fn one_bad_connection_keeps_the_others() {
    let mut body = fixture();
    body[0]["connections"].as_array_mut().unwrap().insert(1, json!("not a connection"));
    let list = resources(body.to_string()).unwrap();
    let owned = &list[0];
    assert_eq!(owned.connections().len(), 4, "the good four are kept");
    assert_eq!(owned.connections()[1].address.as_deref(), Some("2001:db8::150"));
    assert_eq!(owned.extra["connections"].as_array().map(Vec::len), Some(5), "the list as sent is kept");
}

#[test]
fn one_bad_device_keeps_the_others() {
    let mut body = fixture();
    body.as_array_mut().unwrap().insert(1, json!(42));
    let list = resources(body.to_string()).unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[1].name.as_deref(), Some("Grandma's Server"));
}

#[test]
fn unknown_fields_are_kept_on_devices_and_connections() {
    let mut body = fixture();
    body[0]["brandNewField"] = json!({"nested": [1, 2]});
    body[0]["connections"][0]["latencyMs"] = json!(3);
    let list = resources(body.to_string()).unwrap();
    assert_eq!(list[0].extra["brandNewField"], json!({"nested": [1, 2]}));
    assert_eq!(list[0].connections()[0].extra["latencyMs"], json!(3));
    let again = serde_json::to_value(&list[0]).unwrap();
    assert_eq!(again["brandNewField"], json!({"nested": [1, 2]}));
    assert_eq!(again["connections"][0]["latencyMs"], json!(3));
}

#[test]
fn null_or_odd_access_tokens_and_flags() {
    let mut body = fixture();
    body[0]["accessToken"] = json!(null);
    body[0]["owned"] = json!("1");
    body[0]["home"] = json!(0);
    body[0]["presence"] = json!("false");
    let owned = &resources(body.to_string()).unwrap()[0];
    assert_eq!(owned.access_token, None);
    assert!(!owned.extra.contains_key("accessToken"), "null is absence, not drift");
    assert_eq!((owned.owned, owned.home, owned.presence), (Some(true), Some(false), Some(false)));
}

#[test]
fn a_single_device_object_is_a_one_item_list() {
    let device = fixture()[0].clone();
    let list = resources(device.to_string()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name.as_deref(), Some("StreamMaster"));
}

#[test]
fn non_list_json_is_a_decode_error() {
    for body in ["5", "\"servers\"", "[1, 2", "null"] {
        match resources(body) {
            Err(Error::Decode { route, reason: DecodeReason::Json(_), .. }) => assert_eq!(route, "GET /resources"),
            other => panic!("{body}: {other:?}"),
        }
    }
}

// XML.

const RESOURCES_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="2">
  <Device name="StreamMaster" product="Plex Media Server" productVersion="1.50.7.9541-913b34e21" platform="Linux" clientIdentifier="8276c3fa6bc24e44b347e19c71fbb98b9287c1e9" createdAt="2020-01-12T15:30:18Z" lastSeenAt="2024-09-05T03:15:45Z" provides="server" owned="1" home="0" accessToken="Hg7FGK9xVGdWZRa_sj76" publicAddress="54.231.109.34" httpsRequired="0" relay="1" presence="1" newAttribute="x">
    <Connection protocol="https" address="192.168.1.150" port="32400" uri="https://192-168-1-150.fc6b48db927de7394036856ade1760b9.plex.direct:32400" local="1" relay="0" IPv6="0"/>
    <Connection protocol="https" address="162.243.175.222" port="70000" uri="https://162-243-175-222.fc6b48db927de7394036856ade1760b9.plex.direct:8443" local="0" relay="1" IPv6="0"/>
  </Device>
  <Device name="Living Room TV" product="Plex for Android (TV)" clientIdentifier="a1b2c3d4e5f6" provides="client,player" owned="1"/>
</MediaContainer>"#;

#[test]
fn resources_xml_by_content_type_and_by_sniffing() {
    for ct in [Some("application/xml"), Some("text/xml;charset=utf-8"), None] {
        let list = GetResources::new().from_response(response(200, ct, RESOURCES_XML)).unwrap();
        assert_eq!(list.len(), 2, "{ct:?}");
        let owned = &list[0];
        assert_eq!(
            (owned.name.as_deref(), owned.owned, owned.https_required),
            (Some("StreamMaster"), Some(true), Some(false))
        );
        assert_eq!(owned.access_token.as_ref().map(ExposeSecret::expose_secret), Some(OWNED_TOKEN));
        assert!(owned.is_server());
        assert_eq!(owned.extra["newAttribute"], json!("x"));
        let c = owned.connections();
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].port, c[0].local, c[0].relay, c[0].ipv6), (Some(32400), Some(true), Some(false), Some(false)));
        assert_eq!((c[1].port, c[1].relay), (None, Some(true)), "a bad port degrades alone");
        assert_eq!(c[1].extra["port"], json!("70000"));
        assert!(!list[1].is_server() && list[1].connections().is_empty());
    }
}

#[test]
fn resources_malformed_xml_is_an_xml_error() {
    match GetResources::new().from_response(response(200, Some("text/xml"), "<MediaContainer><Device")) {
        Err(Error::Decode { reason: DecodeReason::Xml(_), route, .. }) => assert_eq!(route, "GET /resources"),
        other => panic!("{other:?}"),
    }
}

// Identity.

fn identity_op() -> GetServerIdentity {
    GetServerIdentity::new("http://10.0.0.5:32400").unwrap()
}

#[test]
fn identity_json() {
    let id = identity_op().from_response(vector_response("identity_json")).unwrap();
    assert_eq!(id.machine_identifier.as_deref(), Some("8276c3fa6bc24e44b347e19c71fbb98b9287c1e9"));
    assert_eq!((id.version.as_deref(), id.claimed), (Some("1.50.7.9541-913b34e21"), Some(true)));
    assert_eq!((id.extra["size"].clone(), id.extra["apiVersion"].clone()), (json!(0), json!("1.1.1")));
}

#[test]
fn identity_xml_by_content_type_and_by_sniffing() {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="0" apiVersion="1.1.1" claimed="1" machineIdentifier="abc123" version="1.40.2.8395">
</MediaContainer>"#;
    for ct in [Some("text/xml;charset=utf-8"), None] {
        let id = identity_op().from_response(response(200, ct, body)).unwrap();
        assert_eq!((id.machine_identifier.as_deref(), id.claimed), (Some("abc123"), Some(true)), "{ct:?}");
        assert_eq!(id.version.as_deref(), Some("1.40.2.8395"));
    }
}

#[test]
fn identity_drift_degrades_but_machine_identifier_is_required() {
    let id = identity_op()
        .from_response(json(200, r#"{"MediaContainer":{"machineIdentifier":12345,"claimed":"maybe"}}"#))
        .unwrap();
    assert_eq!((id.machine_identifier.as_deref(), id.claimed), (Some("12345"), None));
    assert_eq!(id.extra["claimed"], json!("maybe"));
    for (ct, body) in [
        (Some("application/json"), r#"{"MediaContainer":{"version":"1.0"}}"#),
        (Some("application/json"), r#"{"MediaContainer":{"machineIdentifier":"  "}}"#),
        (Some("application/json"), r#"{"MediaContainer":{"machineIdentifier":{"a":1}}}"#),
        (Some("application/json"), r#"{}"#),
        (Some("text/xml"), r#"<MediaContainer version="1.0"/>"#),
        (Some("text/xml"), r#"<Other machineIdentifier="abc"/>"#),
    ] {
        match identity_op().from_response(response(200, ct, body)) {
            Err(Error::Decode { route, reason: DecodeReason::MissingField(field), .. }) => {
                assert_eq!((route, field), ("GET /identity", "MediaContainer.machineIdentifier"), "{body}");
            }
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[test]
fn identity_html_is_unexpected_content() {
    match identity_op().from_response(response(200, Some("text/html"), "<html><body>captive portal</body></html>")) {
        Err(Error::Decode { reason: DecodeReason::UnexpectedContent("HTML"), .. }) => {}
        other => panic!("{other:?}"),
    }
}

// Ping and sign-out.

#[test]
fn ping_and_sign_out_accept_any_2xx_with_any_body() {
    for (status, ct, body) in [
        (200, Some("application/json"), ""),
        (204, None, ""),
        (200, Some("text/xml"), "<?xml version=\"1.0\"?><pong/>"),
        (200, Some("application/json"), "not even json"),
        (201, Some("text/html"), "<html></html>"),
    ] {
        Ping::new().from_response(response(status, ct, body)).unwrap();
        SignOut::new().from_response(response(status, ct, body)).unwrap();
    }
}

#[test]
fn a_401_403_or_422_invalid_token_on_ping_or_sign_out_means_the_token_is_invalid() {
    // The 401 is the `error_401_token_details` vector's response; no vector holds the other two.
    let cases: [(u16, fn() -> HttpResponse); 3] = [
        (401, || vector_response("error_401_token_details")),
        (403, || json(403, r#"{"errors":[{"code":1001,"message":"Forbidden","status":403}]}"#)),
        (422, || json(422, r#"{"errors":[{"message":"Invalid token"}]}"#)),
    ];
    for (status, resp) in cases {
        let ping = Ping::new().from_response(resp()).unwrap_err();
        assert!(ping.is_unauthorized(), "ping {status}: {ping:?}");
        assert_eq!(ping.api().map(|a| a.route), Some("GET /ping"));
        let out = SignOut::new().from_response(resp()).unwrap_err();
        assert!(out.is_unauthorized(), "signout {status}: {out:?}");
        assert_eq!(out.api().map(|a| a.route), Some("DELETE /users/signout"));
    }
}

#[test]
fn other_failures_are_not_a_verdict_on_the_token() {
    for status in [400, 404, 429, 500, 503] {
        for err in [
            Ping::new().from_response(json(status, "{}")).unwrap_err(),
            SignOut::new().from_response(json(status, "{}")).unwrap_err(),
        ] {
            assert!(!err.is_unauthorized(), "{status}: {err:?}");
            assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        }
    }
    let plain = Ping::new().from_response(json(422, r#"{"errors":[{"message":"Unprocessable"}]}"#)).unwrap_err();
    assert!(!plain.is_unauthorized(), "422 without \"Invalid token\" is no verdict");
}

#[test]
fn error_statuses_on_resources_and_identity() {
    let err = GetResources::new().from_response(vector_response("error_401_token_details")).unwrap_err();
    assert!(err.is_unauthorized());
    assert_eq!((err.api().map(|a| a.route), err.plex_code()), (Some("GET /resources"), Some(1001)));
    let err = GetResources::new().from_response(response(403, Some("text/html"), "<html>no</html>")).unwrap_err();
    assert!(!err.is_unauthorized(), "a 403 on /resources is not documented as a bad token");
    let err = identity_op().from_response(response(401, Some("text/html"), "<html>401</html>")).unwrap_err();
    assert!(err.is_unauthorized());
    assert_eq!(err.api().map(|a| a.route), Some("GET /identity"));
    let err = identity_op().from_response(response(503, None, "")).unwrap_err();
    assert!(err.is_retryable() && !err.is_unauthorized());
}
