// The keys of `labels:`: every word deckpress prints itself, with the
// placeholders each may use. A language's table (en.rs, fr.rs...) gives
// a text for each key; `{name}` in a text is replaced by the value named.
keys! {
    // The worksheet (also under `words:`).
    Worksheet = "worksheet" [];
    Rate = "rate" [];
    Scale1 = "scale_1" [];
    Scale2 = "scale_2" [];
    Scale3 = "scale_3" [];
    Scale4 = "scale_4" [];
    Try = "try" [];
    Name = "name" [];
    Date = "date" [];

    // Words used in several places.
    Landscape = "landscape" [];
    Portrait = "portrait" [];
    PageOne = "page" ["n"];
    PageRange = "pages" ["first", "last"];
    CardsOne = "cards_one" ["n"];
    CardsMany = "cards_many" ["n"];
    SheetsOne = "sheets_one" ["n"];
    SheetsMany = "sheets_many" ["n"];
    PaperOfSize = "paper_of_size" ["size"];

    // The printed guide, on the first page of sheets.pdf.
    GuideTitle = "guide_title" [];
    GuideBlank = "guide_blank" [];
    GuideCardNamed = "guide_card_named" ["name", "size"];
    GuideCardSized = "guide_card_sized" ["size"];
    GuideContents = "guide_contents" ["cards", "sheets", "paper", "per_sheet", "cols", "rows", "card"];
    GuideOrderDuplex = "guide_order_duplex" [];
    GuideOrderSeparate = "guide_order_separate" [];
    GuideOrderFold = "guide_order_fold" [];
    GuideCopies = "guide_copies" ["sheets"];
    GuideDecksOf = "guide_decks_of" ["decks", "cards"];
    GuideCopySheets = "guide_copy_sheets" ["n", "first", "last"];
    GuidePrinterHeading = "guide_printer_heading" [];
    GuidePaper = "guide_paper" ["paper", "orientation"];
    GuideScale = "guide_scale" [];
    GuideTwoSidedLong = "guide_two_sided_long" [];
    GuideTwoSidedShort = "guide_two_sided_short" [];
    GuideOneSidedSeparate = "guide_one_sided_separate" [];
    GuideOneSidedFold = "guide_one_sided_fold" [];
    GuidePages = "guide_pages" ["guide", "pages"];
    GuideTheFronts = "guide_the_fronts" ["pages"];
    GuideCardHeading = "guide_card_heading" [];
    GuideCardFold = "guide_card_fold" [];
    GuideCardStock = "guide_card_stock" [];
    GuideScaleHeading = "guide_scale_heading" [];
    GuideScaleCheck = "guide_scale_check" [];
    GuideBackOffset = "guide_back_offset" ["x", "y"];
    GuideCalibrate = "guide_calibrate" [];
    GuideCheckBacksHeading = "guide_check_backs_heading" [];
    GuideFirstSheet = "guide_first_sheet" ["pages"];
    GuideWrongWayLong = "guide_wrong_way_long" [];
    GuideWrongWayShort = "guide_wrong_way_short" [];
    GuidePrintBacksHeading = "guide_print_backs_heading" [];
    GuideSeparate1 = "guide_separate_1" ["pages"];
    GuideSeparate2 = "guide_separate_2" ["page"];
    GuideSeparate3 = "guide_separate_3" [];
    GuideSeparate4 = "guide_separate_4" ["pages"];
    GuideOnlySheet = "guide_only_sheet" [];
    GuideFoldHeading = "guide_fold_heading" [];
    GuideFold = "guide_fold" [];
    GuideCutHeading = "guide_cut_heading" [];
    GuideCutTools = "guide_cut_tools" [];
    GuideCutGutter = "guide_cut_gutter" ["mm"];
    GuideCutButted = "guide_cut_butted" [];
    GuideCutShared = "guide_cut_shared" [];
    GuideCutAcrossOne = "guide_cut_across_one" [];
    GuideCutAcrossMany = "guide_cut_across_many" ["n"];
    GuideCutRows = "guide_cut_rows" ["n"];
    GuideCutOrder = "guide_cut_order" [];
    GuideDiagramFold = "guide_diagram_fold" [];
    GuideDiagramMore = "guide_diagram_more" [];
    GuideDiagramLong = "guide_diagram_long" [];
    GuideDiagramShort = "guide_diagram_short" [];
    GuideDiagramBack = "guide_diagram_back" ["n"];

    // The blank cards (blank_cards:).
    BlankCard = "blank_card" [];

    // The label in each sheet's margin.
    SheetOf = "sheet_of" ["n", "total"];
    SheetOfDeck = "sheet_of_deck" ["n", "total", "deck", "decks"];
    SheetCard = "sheet_card" ["code"];
    SheetCards = "sheet_cards" ["first", "last"];
    SheetFrontCards = "sheet_front_cards" ["sheet", "cards"];
    SheetFront = "sheet_front" ["sheet"];
    SheetBackCards = "sheet_back_cards" ["sheet", "cards"];
    SheetBack = "sheet_back" ["sheet"];
    SheetFoldCards = "sheet_fold_cards" ["sheet", "cards"];
    SheetFold = "sheet_fold" ["sheet"];
    SheetFoldShort = "sheet_fold_short" ["sheet", "cards"];

    // The label on each tile of a tiled poster.
    TileOf = "tile_of" ["n", "total", "place"];
    TileRowColumn = "tile_row_column" ["row", "column"];
    TilePlace = "tile_place" ["row", "column"];
    TileTop = "tile_top" [];
    TileMiddle = "tile_middle" [];
    TileBottom = "tile_bottom" [];
    TileLeft = "tile_left" [];
    TileCentre = "tile_centre" [];
    TileRight = "tile_right" [];
    TileWhole = "tile_whole" [];

    // The calibration sheet (deckpress calibrate).
    CalibrationFront = "calibration_front" [];
    CalibrationBack = "calibration_back" [];
    CalibrationFor = "calibration_for" ["paper", "orientation", "how"];
    CalibrationHowLong = "calibration_how_long" [];
    CalibrationHowShort = "calibration_how_short" [];
    CalibrationHowSeparate = "calibration_how_separate" [];
    CalibrationPrintLong = "calibration_print_long" [];
    CalibrationPrintShort = "calibration_print_short" [];
    CalibrationPrintSeparate = "calibration_print_separate" [];
    CalibrationHold = "calibration_hold" [];
    CalibrationRead = "calibration_read" [];
    CalibrationWrite = "calibration_write" [];
    CalibrationPin = "calibration_pin" [];
    CalibrationRight = "calibration_right" [];
    CalibrationDown = "calibration_down" [];
    CalibrationPinHere = "calibration_pin_here" [];
    CalibrationBackText = "calibration_back_text" [];
}
