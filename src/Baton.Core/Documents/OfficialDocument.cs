using System.Globalization;

namespace Baton.Core.Documents;

/// <summary>
/// An official document (公文) as Baton writes it: 通报, 表彰决定, 目标责任书. The parts follow GB/T 9704-2012:
/// the issuing authority's mark and the document number above the red line (版头), the title, the addressee
/// and the body (主体), the signatories and the date, and the copy-to line (版记). <see cref="DocxWriter"/> lays
/// it out; every part but the title and the body is optional.
/// </summary>
public sealed record OfficialDocument(string Title, IReadOnlyList<DocumentBlock> Body)
{
    /// <summary>The issuing authority's mark (发文机关标志), printed in red above the red line, e.g. "示范县目标责任考核工作领导小组办公室文件".</summary>
    public string? Authority { get; init; }

    /// <summary>The document number (发文字号), e.g. "示考办〔2026〕3号", centred above the red line.</summary>
    public string? Number { get; init; }

    /// <summary>The addressee (主送机关), written before the body and followed by a full-width colon.</summary>
    public string? Addressee { get; init; }

    /// <summary>Who signs and when (署名、成文日期), after the body.</summary>
    public DocumentSignature? Signature { get; init; }

    /// <summary>Copied to (抄送机关), in the 版记 at the end.</summary>
    public string? CopyTo { get; init; }
}

/// <summary>One block of a document's body.</summary>
public abstract record DocumentBlock;

/// <summary>A body paragraph (仿宋 3号, first line indented two characters).</summary>
public sealed record DocumentParagraph(string Text) : DocumentBlock;

/// <summary>
/// A heading inside the body: level 1 "一、" (黑体), level 2 "（一）" (楷体), level 3 "1." (仿宋, bold). The text
/// carries its own numbering, as a 公文's headings do.
/// </summary>
public sealed record DocumentHeading(int Level, string Text) : DocumentBlock;

/// <summary>
/// A table with a header row. <see cref="Widths"/> are relative column widths (any unit; null: equal widths);
/// every row has as many cells as the header.
/// </summary>
public sealed record DocumentTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : DocumentBlock
{
    public IReadOnlyList<int>? Widths { get; init; }
}

/// <summary>One signing party: its lines, e.g. ["示范县人民政府（盖章）", "县领导（签字）：王某"].</summary>
public sealed record Signatory(IReadOnlyList<string> Lines);

/// <summary>
/// The signatories and the date (成文日期). One signatory is the usual authority's signature above the date;
/// several (a responsibility letter's two parties) stand side by side.
/// </summary>
public sealed record DocumentSignature(IReadOnlyList<Signatory> Signatories, DateOnly Date)
{
    /// <summary>The date as GB/T 9704-2012 writes it: Arabic numerals, no leading zeros, "2026年3月1日".</summary>
    public static string ChineseDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
}
