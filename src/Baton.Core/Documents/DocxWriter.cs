using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Baton.Core.Documents;

/// <summary>
/// Writes an <see cref="OfficialDocument"/> as a Word file in the GB/T 9704-2012 layout: A4, margins 37 mm top,
/// 35 mm bottom, 28 mm left, 26 mm right (a 156 × 225 mm type area), 22 lines of 28 characters of 仿宋 3号, the
/// title in 小标宋 2号, headings in 黑体 and 楷体 3号, page numbers "— 1 —" in 宋体 4号 below the type area
/// (odd pages right, even pages left, one character in). The fonts are named as Chinese offices install them,
/// each with an alternative that a Linux server has (Noto CJK), so LibreOffice renders the file too.
/// </summary>
public static class DocxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // Font names as the office has them, and what to use where they are missing.
    internal const string TitleFont = "方正小标宋简体";
    internal const string BodyFont = "仿宋_GB2312";
    internal const string HeadingFont = "黑体";
    internal const string SubheadingFont = "楷体_GB2312";
    internal const string PageNumberFont = "宋体";
    private const string LatinFont = "Times New Roman";

    private static readonly (string Name, string Alternative)[] s_fonts =
    [
        (TitleFont, "Noto Serif CJK SC"),
        (BodyFont, "Noto Serif CJK SC"),
        (HeadingFont, "Noto Sans CJK SC"),
        (SubheadingFont, "Noto Serif CJK SC"),
        (PageNumberFont, "SimSun"),
        (LatinFont, "Liberation Serif"),
    ];

    // Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt.
    private const int TitleSize = 44;
    private const int BodySize = 32;
    private const int PageNumberSize = 28;
    private const int TableSize = 24;

    // Twentieths of a point. The type area is 225 mm high for 22 lines: 28.95 pt a line; 156 mm wide for 28 characters.
    private const int LinePitch = 579;
    private const int TwoCharacters = 640;
    private const int OneCharacter = 320;
    private const int TypeAreaWidth = 8844;

    /// <summary>Writes <paramref name="document"/> to <paramref name="output"/> (left open).</summary>
    public static void Write(OfficialDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document, autoSave: true);
        var main = package.AddMainDocumentPart();
        AddStyles(main);
        AddFonts(main);
        main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new EvenAndOddHeaders());
        var odd = AddFooter(main, JustificationValues.Right);
        var even = AddFooter(main, JustificationValues.Left);

        var body = new Body();
        WriteHeader(document, body);
        body.Append(Paragraph(document.Title, TitleFont, TitleSize, JustificationValues.Center, spacingBefore: document.Authority is null ? 0 : 2 * LinePitch,
            spacingAfter: LinePitch, exact: false));
        if (document.Addressee is { } addressee)
        {
            body.Append(Paragraph(addressee + "：", BodyFont, BodySize, JustificationValues.Both));
        }
        foreach (var block in document.Body)
        {
            body.Append(block switch
            {
                DocumentParagraph p => Paragraph(p.Text, BodyFont, BodySize, JustificationValues.Both, firstLine: TwoCharacters),
                DocumentHeading h => (OpenXmlElement)Heading(h),
                DocumentTable t => Table(t),
                _ => throw new ArgumentException($"Unknown document block {block.GetType().Name}.", nameof(document)),
            });
        }
        if (document.Signature is { } signature)
        {
            WriteSignature(signature, body);
        }
        if (document.CopyTo is { } copyTo)
        {
            var line = Paragraph($"抄送：{copyTo}。", BodyFont, PageNumberSize, JustificationValues.Left, spacingBefore: 2 * LinePitch, firstLine: OneCharacter);
            line.ParagraphProperties!.ParagraphBorders = new ParagraphBorders(
                new TopBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "000000" },
                new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "000000" });
            body.Append(line);
        }
        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(odd) },
            new FooterReference { Type = HeaderFooterValues.Even, Id = main.GetIdOfPart(even) },
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = Twips(37), Bottom = Twips(35), Left = (uint)Twips(28), Right = (uint)Twips(26), Header = 851, Footer = (uint)Twips(21), Gutter = 0 },
            new DocGrid { Type = DocGridValues.LinesAndChars, LinePitch = LinePitch, CharacterSpace = CharacterSpace() }));
        main.Document = new Document(body);
    }

    /// <summary>Millimetres to twentieths of a point.</summary>
    private static int Twips(int millimetres) => (int)Math.Round(millimetres / 25.4 * 1440, MidpointRounding.AwayFromZero);

    /// <summary>The grid's character pitch adjustment, in 4096ths of a point, that fits 28 characters of 3号 in the type area.</summary>
    private static int CharacterSpace() => (int)Math.Round((TypeAreaWidth / 20.0 / 28 - BodySize / 2.0) * 4096, MidpointRounding.AwayFromZero);

    private static void WriteHeader(OfficialDocument document, Body body)
    {
        if (document.Authority is { } authority)
        {
            // The authority's mark is as large as fits one line, at most 36 pt; the red line runs the type area's width.
            var size = Math.Min(72, 2 * (int)(TypeAreaWidth / 20.0 / Math.Max(1, authority.Length)));
            var mark = Paragraph(authority, TitleFont, size, JustificationValues.Center, spacingAfter: LinePitch, exact: false);
            mark.Descendants<RunProperties>().Single().Color = new Color { Val = "FF0000" };
            body.Append(mark);
        }
        if (document.Number is { } number || document.Authority is not null)
        {
            var line = Paragraph(document.Number ?? "", BodyFont, BodySize, JustificationValues.Center);
            if (document.Authority is not null)
            {
                line.ParagraphProperties!.ParagraphBorders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 12, Space = 6, Color = "FF0000" });
            }
            body.Append(line);
        }
    }

    private static Paragraph Heading(DocumentHeading heading) => heading.Level switch
    {
        1 => Paragraph(heading.Text, HeadingFont, BodySize, JustificationValues.Both, firstLine: TwoCharacters, keepNext: true),
        2 => Paragraph(heading.Text, SubheadingFont, BodySize, JustificationValues.Both, firstLine: TwoCharacters, keepNext: true),
        3 => Paragraph(heading.Text, BodyFont, BodySize, JustificationValues.Both, firstLine: TwoCharacters, bold: true, keepNext: true),
        _ => throw new ArgumentOutOfRangeException(nameof(heading), heading.Level, "A heading's level is 1, 2 or 3."),
    };

    private static void WriteSignature(DocumentSignature signature, Body body)
    {
        var date = DocumentSignature.ChineseDate(signature.Date);
        if (signature.Signatories.Count <= 1)
        {
            // The authority's name above the date, both ending four characters from the right margin.
            var lines = signature.Signatories.SelectMany(s => s.Lines).Append(date).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                body.Append(Paragraph(lines[i], BodyFont, BodySize, JustificationValues.Right, spacingBefore: i == 0 ? 2 * LinePitch : 0, right: 4 * OneCharacter));
            }
            return;
        }
        // Several parties side by side, each in its own column of a borderless table, the date below them.
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
                new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        var width = TypeAreaWidth / signature.Signatories.Count;
        table.Append(new TableGrid(signature.Signatories.Select(_ => new GridColumn { Width = width.ToString(CultureInfo.InvariantCulture) })));
        var row = new TableRow();
        foreach (var signatory in signature.Signatories)
        {
            var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
            cell.Append(signatory.Lines.Count == 0 ? [Paragraph("", BodyFont, BodySize, JustificationValues.Left)]
                : signatory.Lines.Select(l => Paragraph(l, BodyFont, BodySize, JustificationValues.Left)));
            row.Append(cell);
        }
        table.Append(row);
        body.Append(Paragraph("", BodyFont, BodySize, JustificationValues.Left, spacingAfter: LinePitch));
        body.Append(table);
        body.Append(Paragraph(date, BodyFont, BodySize, JustificationValues.Right, spacingBefore: LinePitch, right: 4 * OneCharacter));
    }

    private static Table Table(DocumentTable model)
    {
        var columns = model.Header.Count;
        if (columns == 0 || model.Rows.Any(r => r.Count != columns) || (model.Widths is { } w && w.Count != columns))
        {
            throw new ArgumentException("Every row of a table, and its widths, must have as many cells as its header.", nameof(model));
        }
        var relative = model.Widths ?? [.. Enumerable.Repeat(1, columns)];
        var total = relative.Sum();
        var widths = relative.Select(r => Math.Max(1, TypeAreaWidth * r / total)).ToList();
        var table = new Table(new TableProperties(
            new TableWidth { Width = TypeAreaWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableJustification { Val = TableRowAlignmentValues.Center },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        table.Append(Row(model.Header, widths, header: true));
        foreach (var cells in model.Rows)
        {
            table.Append(Row(cells, widths, header: false));
        }
        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, List<int> widths, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            // The header repeats on every page the table runs over.
            row.Append(new TableRowProperties(new TableHeader()));
        }
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = new TableCell(new TableCellProperties(
                new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }));
            var lines = cells[i].Split('\n');
            cell.Append(lines.Select(l => Paragraph(l, header ? HeadingFont : BodyFont, TableSize, header ? JustificationValues.Center : JustificationValues.Left,
                exact: false, snapToGrid: false)));
            row.Append(cell);
        }
        return row;
    }

    private static Paragraph Paragraph(string text, string font, int size, JustificationValues justification, int spacingBefore = 0, int spacingAfter = 0,
        int firstLine = 0, int right = 0, bool bold = false, bool keepNext = false, bool exact = true, bool snapToGrid = true)
    {
        var properties = new ParagraphProperties
        {
            KeepNext = keepNext ? new KeepNext() : null,
            SnapToGrid = snapToGrid ? null : new SnapToGrid { Val = false },
            SpacingBetweenLines = new SpacingBetweenLines
            {
                Before = spacingBefore.ToString(CultureInfo.InvariantCulture),
                After = spacingAfter.ToString(CultureInfo.InvariantCulture),
                // Body text sits on the grid's fixed line pitch; titles, marks and table cells size to their font.
                Line = exact ? LinePitch.ToString(CultureInfo.InvariantCulture) : "240",
                LineRule = exact ? LineSpacingRuleValues.Exact : LineSpacingRuleValues.Auto,
            },
            Indentation = Indentation(firstLine, right),
            Justification = new Justification { Val = justification },
        };
        var paragraph = new Paragraph(properties);
        paragraph.Append(new Run(RunProperties(font, size, bold), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static Indentation? Indentation(int firstLine, int right)
    {
        if (firstLine == 0 && right == 0)
        {
            return null;
        }
        // An attribute set to null is written empty, which Word rejects: set only those that apply.
        var indentation = new Indentation();
        if (firstLine != 0)
        {
            indentation.FirstLine = firstLine.ToString(CultureInfo.InvariantCulture);
        }
        if (right != 0)
        {
            indentation.Right = right.ToString(CultureInfo.InvariantCulture);
        }
        return indentation;
    }

    private static RunProperties RunProperties(string font, int size, bool bold) => new()
    {
        RunFonts = new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = font, ComplexScript = font, Hint = FontTypeHintValues.EastAsia },
        Bold = bold ? new Bold() : null,
        FontSize = new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) },
        FontSizeComplexScript = new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) },
        Languages = new Languages { EastAsia = "zh-CN", Val = "zh-CN" },
    };

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = BodyFont, ComplexScript = BodyFont },
                    new FontSize { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                    new FontSizeComplexScript { Val = BodySize.ToString(CultureInfo.InvariantCulture) },
                    new Languages { EastAsia = "zh-CN", Val = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
    }

    private static void AddFonts(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        part.Fonts = new Fonts(s_fonts.Select(f => new Font(new AltName { Val = f.Alternative }, new FontCharSet { Val = "86" }, new FontFamily { Val = FontFamilyValues.Roman })
        {
            Name = f.Name,
        }));
    }

    private static FooterPart AddFooter(MainDocumentPart main, JustificationValues side)
    {
        var part = main.AddNewPart<FooterPart>();
        var properties = new ParagraphProperties
        {
            Indentation = side == JustificationValues.Right
                ? new Indentation { Right = OneCharacter.ToString(CultureInfo.InvariantCulture) }
                : new Indentation { Left = OneCharacter.ToString(CultureInfo.InvariantCulture) },
            Justification = new Justification { Val = side },
        };
        Run Run(OpenXmlElement content) => new(RunProperties(PageNumberFont, PageNumberSize, bold: false), content);
        part.Footer = new Footer(new Paragraph(properties,
            Run(new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            Run(new Text("1")),
            Run(new FieldChar { FieldCharType = FieldCharValues.End }),
            Run(new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));
        return part;
    }
}
