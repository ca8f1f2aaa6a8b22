using Baton.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web;

/// <summary>
/// The one way an endpoint answers with an Excel file. The workbook is written into memory first:
/// Kestrel refuses synchronous writes into the response, and MiniExcel writes synchronously, so a
/// writer handed the response stream fails after the headers are sent. Writing first also means a
/// writer that throws answers the error page rather than half a file.
/// </summary>
public static class ExcelDownload
{
    public static FileContentHttpResult File(string fileName, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return Result(buffer, fileName);
    }

    public static async Task<FileContentHttpResult> FileAsync(string fileName, Func<Stream, Task> write)
    {
        using var buffer = new MemoryStream();
        await write(buffer);
        return Result(buffer, fileName);
    }

    private static FileContentHttpResult Result(MemoryStream buffer, string fileName) =>
        TypedResults.File(buffer.ToArray(), ExcelSheet.ContentType, fileName);
}
