using System.Diagnostics;
using Baton.Core.Documents;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Baton.Core.Tests.Documents;

public sealed class DocxWriterTests
{
    internal static OfficialDocument Bulletin() => new("关于2025年度目标责任考核结果的通报",
    [
        new DocumentParagraph("2025年，各镇、各部门认真落实县委、县政府决策部署，圆满完成年度目标任务。"),
        new DocumentHeading(1, "一、考核结果"),
        new DocumentHeading(2, "（一）镇一类"),
        new DocumentTable(["名次", "单位", "综合得分", "等次"], [["1", "城关镇", "96.52", "优秀"], ["2", "柳林镇", "91.08", "良好"]]) { Widths = [1, 3, 2, 2] },
        new DocumentHeading(3, "1.表彰"),
        new DocumentParagraph("希望受表彰的单位再接再厉。"),
    ])
    {
        Authority = "示范县目标责任考核工作领导小组办公室文件",
        Number = "示考办〔2026〕3号",
        Addressee = "各镇人民政府，县直各部门",
        Signature = new DocumentSignature([new Signatory(["示范县目标责任考核工作领导小组办公室"])], new DateOnly(2026, 2, 8)),
        CopyTo = "县委办公室，县人大常委会办公室",
    };

    internal static byte[] Write(OfficialDocument document)
    {
        using var buffer = new MemoryStream();
        DocxWriter.Write(document, buffer);
        return buffer.ToArray();
    }

    /// <summary>The validator's errors for a written file; none means Word opens it without repair.</summary>
    internal static List<string> ValidationErrors(byte[] file)
    {
        using var package = WordprocessingDocument.Open(new MemoryStream(file), false);
        return [.. new OpenXmlValidator().Validate(package).Select(e => $"{e.Path?.XPath}: {e.Description}")];
    }

    /// <summary>Every paragraph's text, in document order (table cells included).</summary>
    internal static List<string> Paragraphs(byte[] file)
    {
        using var package = WordprocessingDocument.Open(new MemoryStream(file), false);
        return [.. package.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0)];
    }

    [Fact]
    public void A_bulletin_validates_and_its_text_reads_back_in_order()
    {
        var file = Write(Bulletin());
        Assert.True(ValidationErrors(file).Count == 0, string.Join("\n", ValidationErrors(file)));
        Assert.Equal(
        [
            "示范县目标责任考核工作领导小组办公室文件", "示考办〔2026〕3号", "关于2025年度目标责任考核结果的通报", "各镇人民政府，县直各部门：",
            "2025年，各镇、各部门认真落实县委、县政府决策部署，圆满完成年度目标任务。", "一、考核结果", "（一）镇一类",
            "名次", "单位", "综合得分", "等次", "1", "城关镇", "96.52", "优秀", "2", "柳林镇", "91.08", "良好",
            "1.表彰", "希望受表彰的单位再接再厉。", "示范县目标责任考核工作领导小组办公室", "2026年2月8日", "抄送：县委办公室，县人大常委会办公室。",
        ], Paragraphs(file));
    }

    [Fact]
    public void The_page_is_a4_with_the_standard_margins_and_page_numbers_between_dashes()
    {
        var file = Write(Bulletin());
        using var package = WordprocessingDocument.Open(new MemoryStream(file), false);
        var section = package.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        // 37, 35, 28 and 26 mm in twentieths of a point.
        Assert.Equal((2098, 1984, 1587u, 1474u), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));
        Assert.Equal(579, section.GetFirstChild<DocGrid>()!.LinePitch!.Value);
        var footers = package.MainDocumentPart.FooterParts.Select(f => f.Footer.InnerText).ToList();
        Assert.Equal(2, footers.Count);
        Assert.All(footers, f => Assert.Equal("—  PAGE 1 —", f));
        Assert.NotNull(package.MainDocumentPart.DocumentSettingsPart!.Settings.GetFirstChild<EvenAndOddHeaders>());

        var title = package.MainDocumentPart.Document.Body!.Elements<Paragraph>().Single(p => p.InnerText == "关于2025年度目标责任考核结果的通报");
        var run = title.Descendants<RunProperties>().Single();
        Assert.Equal(("方正小标宋简体", "44"), (run.RunFonts!.EastAsia!.Value, run.FontSize!.Val!.Value));
        var fonts = package.MainDocumentPart.FontTablePart!.Fonts.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.GetFirstChild<AltName>()!.Val!.Value);
        Assert.Equal("Noto Serif CJK SC", fonts["方正小标宋简体"]);
    }

    [Fact]
    public void Two_signatories_stand_side_by_side_above_the_date()
    {
        var document = new OfficialDocument("目标管理责任书", [new DocumentParagraph("正文。")])
        {
            Signature = new DocumentSignature([new Signatory(["县人民政府（盖章）", "县领导（签字）："]), new Signatory(["城关镇（盖章）", "主要负责人（签字）：张三"])],
                new DateOnly(2026, 3, 1)),
        };
        var file = Write(document);
        Assert.True(ValidationErrors(file).Count == 0, string.Join("\n", ValidationErrors(file)));
        Assert.Equal(["目标管理责任书", "正文。", "县人民政府（盖章）", "县领导（签字）：", "城关镇（盖章）", "主要负责人（签字）：张三", "2026年3月1日"], Paragraphs(file));
    }

    [Fact]
    public void A_table_row_with_the_wrong_number_of_cells_is_a_bug()
    {
        var document = new OfficialDocument("表", [new DocumentTable(["a", "b"], [["1"]])]);
        Assert.Throws<ArgumentException>(() => Write(document));
    }

    /// <summary>
    /// Converts a written file to PDF with LibreOffice (installed by ./scripts/test), proving another office suite
    /// opens it; returns the PDF's bytes.
    /// </summary>
    internal static async Task<byte[]> ConvertToPdfAsync(byte[] docx)
    {
        var folder = Directory.CreateTempSubdirectory("baton-docx-");
        try
        {
            var input = Path.Combine(folder.FullName, "document.docx");
            File.WriteAllBytes(input, docx);
            // A profile of its own, so that parallel conversions do not wait for one another's lock.
            var start = new ProcessStartInfo("soffice")
            {
                ArgumentList = { $"-env:UserInstallation=file://{folder.FullName}/profile", "--headless", "--convert-to", "pdf", "--outdir", folder.FullName, input },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var pdf = Path.Combine(folder.FullName, "document.pdf");
            Assert.True(File.Exists(pdf), $"LibreOffice wrote no PDF (exit {process.ExitCode}): {await output} {await error}");
            return await File.ReadAllBytesAsync(pdf);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task LibreOffice_converts_a_bulletin_to_pdf()
    {
        var pdf = await ConvertToPdfAsync(Write(Bulletin()));
        Assert.True(pdf.Length > 1000);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }
}
