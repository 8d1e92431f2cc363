//! `deckpress init`: a new deck from the template builds at once, with no
//! problem; nothing is ever overwritten.

mod common;

use common::*;

#[test]
fn a_new_deck_from_the_template_builds_at_once() {
    let dir = temp_dir("init").join("my-deck");
    let o = deckpress(&["init", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("deckpress build"), "{}", stdout(&o));
    for f in ["deck.yaml", "assets/listening.svg", "assets/trust.svg"] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    // Every key is explained: the template names them all.
    let text = std::fs::read_to_string(dir.join("deck.yaml")).unwrap();
    for key in [
        "title:",
        "short_title:",
        "edition:",
        "blank_cards:",
        "credit:",
        "language:",
        "outputs:",
        "cards:",
        "sheets:",
        "poster:",
        "fonts:",
        "labels:",
        "id:",
        "name:",
        "colour:",
        "icon:",
        "icon_alt:",
        "intro:",
        "pillars:",
        "lead_in:",
        "behaviours:",
        "title:",
        "text:",
    ] {
        assert!(text.contains(key), "{key} is not in the template");
    }
    let out = dir.join("out");
    let o = deckpress(&[
        "build",
        dir.join("deck.yaml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    for f in [
        "cards.pdf",
        "sheets.pdf",
        "poster.pdf",
        "handout.pdf",
        "worksheet.pdf",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let doc = load(&out.join("cards.pdf"));
    assert_eq!(pages(&doc).len(), 14, "2 summary and 5 behaviour cards");
    let all = squash(&all_text(&doc));
    assert!(all.contains(&squash("Giving full attention to the person speaking")));
}

#[test]
fn init_never_overwrites_a_deck() {
    let dir = temp_dir("init-twice");
    std::fs::write(dir.join("deck.yaml"), "title: Mine\n").unwrap();
    let o = deckpress(&["init", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("deck.yaml")).unwrap(),
        "title: Mine\n"
    );
    // Nothing else was written either.
    assert!(!dir.join("assets").exists());
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line() {
    for (shell, needle) in [
        ("bash", "_deckpress()"),
        ("zsh", "#compdef deckpress"),
        ("fish", "complete -c deckpress"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let o = deckpress(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let s = stdout(&o);
        assert!(s.contains(needle), "{shell}: {s}");
        // Every command is offered.
        for c in ["build", "poster", "handout", "check", "calibrate", "init"] {
            assert!(s.contains(c), "{shell} lacks {c}");
        }
    }
    let o = deckpress(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("possible values"), "{}", stderr(&o));
    let o = deckpress(&["man"]);
    assert!(o.status.success());
    let man = stdout(&o);
    assert!(man.contains(".TH deckpress 1"), "{man}");
    assert!(man.contains("handout"), "{man}");
}

#[test]
fn the_preview_shows_every_card_and_the_poster_as_pictures() {
    let out = temp_dir("preview");
    let o = deckpress(&["preview", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cards = image::open(out.join("preview/cards.png")).unwrap();
    // RGB, no transparency, and sized from the layout: 4 pairs of 63 mm
    // cards to a row (2 mm apart, 10 mm between pairs, 8 mm margins),
    // 10 rows of 88 mm cards under 7 mm labels, at 110 dpi.
    assert_eq!(cards.color(), image::ColorType::Rgb8);
    let px = |mm: f32| (mm / 25.4 * 110.0).round() as i64;
    let (w, h) = (cards.width() as i64, cards.height() as i64);
    assert!((w - px(16.0 + 4.0 * 128.0 + 30.0)).abs() <= 2, "{w}");
    assert!((h - px(16.0 + 10.0 * 95.0 + 90.0)).abs() <= 2, "{h}");
    // The first card's band is characteristic 1's colour, #123f73.
    let rgb = cards.to_rgb8();
    let p = rgb.get_pixel(px(8.0 + 3.0) as u32, px(8.0 + 7.0 + 3.0) as u32);
    assert!(
        (p[0] as i32 - 0x12).abs() < 8
            && (p[1] as i32 - 0x3f).abs() < 8
            && (p[2] as i32 - 0x73).abs() < 8,
        "{p:?}"
    );
    let poster = image::open(out.join("preview/poster.png")).unwrap();
    assert!((poster.width() as i64 - px(297.0)).abs() <= 2);
    // The guide, the first sheet and the handout's and worksheet's first
    // pages, drawn from the PDFs at their paper's size.
    for (name, w_mm) in [
        ("guide.png", 297.0),
        ("sheet.png", 297.0),
        ("handout.png", 210.0),
        ("worksheet.png", 210.0),
    ] {
        let img = image::open(out.join("preview").join(name)).unwrap();
        assert_eq!(img.color(), image::ColorType::Rgb8, "{name}");
        assert!(
            (img.width() as i64 - px(w_mm)).abs() <= 2,
            "{name}: {}",
            img.width()
        );
    }
    // proof.html shows every picture (beside it), what will print and
    // that no problem was found.
    let html = std::fs::read_to_string(out.join("preview/proof.html")).unwrap();
    for name in [
        "cards.png",
        "poster.png",
        "guide.png",
        "sheet.png",
        "handout.png",
        "worksheet.png",
    ] {
        assert!(
            html.contains(&format!("<img src=\"{name}\" alt=\"")),
            "{name}"
        );
    }
    for file in [
        "cards.pdf",
        "sheets.pdf",
        "poster.pdf",
        "handout.pdf",
        "worksheet.pdf",
    ] {
        assert!(html.contains(&format!("<tr><td>{file}</td>")), "{file}");
    }
    assert!(html.contains("None: deckpress check found nothing to fix."));
    // A deck whose poster does not fit still gets its cards, with a
    // warning.
    let out = temp_dir("preview-twelve");
    let deck = fixture("shapes/twelve.yaml");
    let o = deckpress(&[
        "preview",
        deck.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the poster is not in the preview"),
        "{}",
        stderr(&o)
    );
    assert!(out.join("preview/cards.png").is_file());
    assert!(!out.join("preview/poster.png").exists());
}

#[test]
fn a_folder_names_its_deck_and_the_output_goes_beside_the_deck() {
    let dir = temp_dir("beside").join("team deck");
    assert!(deckpress(&["init", dir.to_str().unwrap()]).status.success());
    // `check` and `build` take the folder for the deck.yaml in it.
    let o = deckpress(&["check", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = deckpress(&["build", dir.to_str().unwrap(), "--only", "cards"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Without -o, the PDFs go into out/ beside the deck, as the report says.
    let out = dir.join("out");
    assert!(out.join("cards.pdf").is_file());
    assert!(
        stdout(&o).contains(&out.join("cards.pdf").display().to_string()),
        "{}",
        stdout(&o)
    );
    // US papers for the sheets; the handout follows on Letter.
    for (paper, (w, h)) in [("legal", (355.6, 215.9)), ("tabloid", (279.4, 431.8))] {
        let o = deckpress(&[
            "build",
            dir.to_str().unwrap(),
            "--paper",
            paper,
            "--only",
            "sheets,handout",
        ]);
        assert!(o.status.success(), "{paper}: {}", stderr(&o));
        let doc = load(&out.join("sheets.pdf"));
        let (pw, ph) = page_size(&doc, pages(&doc)[1]);
        assert!(
            close(pw, w, 0.05) && close(ph, h, 0.05),
            "{paper}: {pw} x {ph}"
        );
        let doc = load(&out.join("handout.pdf"));
        let (pw, ph) = page_size(&doc, pages(&doc)[0]);
        assert!(
            close(pw, 215.9, 0.05) && close(ph, 279.4, 0.05),
            "{paper}: {pw} x {ph}"
        );
    }
}
