//! `config.json`: defaults for missing fields, unknown fields ignored, newer
//! versions refused, data URL checks and how it is applied to the site settings.

use bantin_contract::{
    check_data_url, data_root_under, parse, ContractError, ExternalLink, RuntimeConfig,
    SiteSettings,
};

fn site() -> SiteSettings {
    SiteSettings {
        version: 1,
        name: "Cổng gốc".into(),
        tagline: None,
        base_url: None,
        categories: Vec::new(),
        links: vec![ExternalLink {
            name: "Chính phủ".into(),
            url: "https://chinhphu.vn/".into(),
        }],
        footer: Default::default(),
        menu: Vec::new(),
        footer_links: Vec::new(),
        pages: Vec::new(),
        registry: Vec::new(),
        lang: None,
        languages: Vec::new(),
    }
}

#[test]
fn full_and_round_trip() {
    let json = r#"{"version":1,"build":"abc","site_name":"Cổng mới","data_url":"https://du-lieu.example.vn/v1/",
        "links":[{"name":"Bộ Y tế","url":"https://moh.gov.vn/"}],"extra":{"a":1}}"#;
    let c: RuntimeConfig = parse(json).unwrap();
    assert_eq!(c.build.as_deref(), Some("abc"));
    assert_eq!(c.site_name.as_deref(), Some("Cổng mới"));
    assert_eq!(c.data_root().unwrap(), "https://du-lieu.example.vn/v1/");
    assert_eq!(c.links.as_ref().unwrap()[0].name, "Bộ Y tế");
    let again: RuntimeConfig = parse(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(again, c);
}

#[test]
fn missing_fields_are_defaults() {
    let c: RuntimeConfig = parse("{}").unwrap();
    assert_eq!(c, RuntimeConfig::default());
    assert_eq!(c.data_root().unwrap(), "data/");
    let mut s = site();
    c.apply(&mut s);
    assert_eq!(s, site(), "an empty config changes nothing");
}

#[test]
fn newer_version_is_refused() {
    assert_eq!(
        parse::<RuntimeConfig>(r#"{"version":2,"data_url":{"new":"shape"}}"#),
        Err(ContractError::NewerVersion(2))
    );
    assert!(matches!(
        parse::<RuntimeConfig>("[1,2]"),
        Err(ContractError::Malformed(_))
    ));
}

#[test]
fn apply_overrides_name_and_links() {
    let c: RuntimeConfig = parse(
        r#"{"site_name":"  Cổng mới ","links":[{"name":"Xấu","url":"javascript:alert(1)"},
            {"name":"Tốt","url":"https://a.vn/"},{"name":" ","url":"https://b.vn/"}]}"#,
    )
    .unwrap();
    let mut s = site();
    c.apply(&mut s);
    assert_eq!(s.name, "Cổng mới");
    assert_eq!(s.links.len(), 1);
    assert_eq!(s.links[0].name, "Tốt");

    // A blank name keeps the built one; an empty list hides the box.
    let c: RuntimeConfig = parse(r#"{"site_name":"","links":[]}"#).unwrap();
    let mut s = site();
    c.apply(&mut s);
    assert_eq!(s.name, "Cổng gốc");
    assert!(s.links.is_empty());
}

#[test]
fn data_urls() {
    for (raw, want) in [
        ("data/", "data/"),
        ("data", "data/"),
        (" ../du-lieu ", "../du-lieu/"),
        ("/api/bantin", "/api/bantin/"),
        ("https://du-lieu.example.vn", "https://du-lieu.example.vn/"),
        ("HTTP://127.0.0.1:9000/data/", "HTTP://127.0.0.1:9000/data/"),
        ("//cdn.example.vn/data/", "//cdn.example.vn/data/"),
    ] {
        assert_eq!(check_data_url(raw).as_deref(), Ok(want), "{raw:?}");
    }
    for bad in [
        "",
        "  ",
        "javascript:alert(1)",
        "JavaScript:alert(1)//",
        "java\tscript:alert(1)",
        "data:application/json,{}",
        "ftp://a.vn/data/",
        "https://",
        "https:///x",
        "https://a.vn/data/?v=1",
        "data/#x",
        "da ta/",
        "\\\\evil/x",
    ] {
        assert!(check_data_url(bad).is_err(), "{bad:?} should be refused");
    }
}

/// Found by fuzzing (fuzz/, docs/fuzzing.md): a data URL whose scheme hides
/// behind a character reference or a percent-escape was accepted as a relative path.
#[test]
fn encoded_schemes_are_refused_as_data_urls() {
    for u in [
        "VVllllllllle.vn&colon;./du",
        "javascript&#58;alert(1)//",
        "javascript%3Aalert(1)//",
        "data%3Atext/html,x/",
        // The root gets a `/` after the escaped control character.
        "htupl%%!%%%%%%l%%2e400%%%1e",
    ] {
        assert!(check_data_url(u).is_err(), "{u}");
        let c: RuntimeConfig = parse(&format!(
            "{{\"data_url\":{}}}",
            serde_json::to_string(u).unwrap()
        ))
        .unwrap();
        assert!(c.data_root().is_err(), "{u}");
    }
    let c: RuntimeConfig = parse(
        r#"{"links":[{"name":"x","url":"javascript&#x3A;alert(1)"},{"name":"y","url":"/tin"}]}"#,
    )
    .unwrap();
    let mut s = site();
    c.apply(&mut s);
    assert_eq!(s.links.len(), 1);
    assert_eq!(s.links[0].url, "/tin");
}

#[test]
fn data_roots_under_a_base_path() {
    let root = |raw: &str| data_root_under("/tin-tuc/", &check_data_url(raw).unwrap());
    assert_eq!(root("data/"), "/tin-tuc/data/");
    assert_eq!(root("du-lieu"), "/tin-tuc/du-lieu/");
    assert_eq!(root("/api/bantin"), "/api/bantin/");
    assert_eq!(
        root("https://api.tinh.vn/bantin"),
        "https://api.tinh.vn/bantin/"
    );
    assert_eq!(root("//cdn.tinh.vn/d/"), "//cdn.tinh.vn/d/");
    assert_eq!(data_root_under("/", "data/"), "/data/");
}

#[test]
fn what_a_reader_of_config_json_falls_back_to() {
    let read = |text: &str| RuntimeConfig::or_defaults(parse::<RuntimeConfig>(text));
    // A usable file is used as it is, without a warning.
    let (c, problem) = read(r#"{"version":1,"data_url":"/api/bantin","site_name":"Cổng mới"}"#);
    assert_eq!(problem, None);
    assert_eq!(c.site_name.as_deref(), Some("Cổng mới"));
    assert_eq!(c.data_root_under("/tin-tuc/"), "/api/bantin/");
    // A data URL that cannot be used: the default one, the rest kept.
    let (c, problem) = read(r#"{"data_url":"javascript:alert(1)","site_name":"Cổng mới"}"#);
    assert!(problem.unwrap().contains("default data/"));
    assert_eq!(c.site_name.as_deref(), Some("Cổng mới"));
    assert_eq!(c.data_root_under("/tin-tuc/"), "/tin-tuc/data/");
    // A newer version or a broken file: the built-in settings.
    let (c, problem) = read(r#"{"version":99,"data_url":"/khac/"}"#);
    assert!(problem.unwrap().contains("version 99"));
    assert_eq!(c, RuntimeConfig::default());
    let (c, problem) = read("{ not json");
    assert!(problem.unwrap().contains("not valid"));
    assert_eq!(c.data_root_under("/"), "/data/");
}
