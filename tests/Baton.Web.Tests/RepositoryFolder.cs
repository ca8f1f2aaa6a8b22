namespace Baton.Web.Tests;

/// <summary>The repository the tests were built from, for tests that read its files (settings, sources).</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "Baton.slnx")))
        {
            folder = folder.Parent ?? throw new InvalidOperationException("The tests run outside the repository.");
        }
        return folder.FullName;
    }
}
