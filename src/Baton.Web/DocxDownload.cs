using Baton.Core;
using Baton.Core.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web;

/// <summary>
/// The one way an endpoint answers with a Word file: written into memory first, like <see cref="ExcelDownload"/>,
/// so that a writer that refuses (an <see cref="Outcome"/> with an error) answers 404 rather than half a file.
/// The writer returns the file's name.
/// </summary>
public static class DocxDownload
{
    public static async Task<Results<FileContentHttpResult, NotFound<string>>> FileAsync(Func<Stream, Task<Outcome<string>>> write)
    {
        using var buffer = new MemoryStream();
        var written = await write(buffer);
        return written.Ok
            ? TypedResults.File(buffer.ToArray(), DocxWriter.ContentType, written.Value)
            : TypedResults.NotFound(written.Error);
    }
}
