using System.Xml.Linq;
using RouterOS.Api.Hosting;
using RouterOS.Api.Tests.Support;
using RouterOS.Files;

namespace RouterOS.Api.Tests;

/// <summary>
/// Secrets at rest on the API's side: the store and the keys are the API user's alone, from the
/// moment each file exists, and a directory an earlier version left open is closed at start.
/// </summary>
public sealed class DataDirectoryTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;
    private const UnixFileMode Loose = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode LooseDirectory = OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "routeros-data-directory-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void A_data_directory_left_readable_by_others_is_made_owner_only_with_every_key_and_store_file()
    {
        var keys = Path.Combine(_directory, DataDirectory.Keys);
        Directory.CreateDirectory(keys);
        File.SetUnixFileMode(_directory, LooseDirectory);
        File.SetUnixFileMode(keys, LooseDirectory);
        string[] files = [
            Path.Combine(keys, "key-1.xml"), Path.Combine(keys, HttpsCertificate.FileName),
            Path.Combine(_directory, DataDirectory.Database), Path.Combine(_directory, DataDirectory.Database + "-wal"), Path.Combine(_directory, DataDirectory.Database + "-shm"),
        ];
        foreach (var file in files)
        {
            File.WriteAllText(file, "secret");
            File.SetUnixFileMode(file, Loose);
        }

        DataDirectory.Prepare(_directory);

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(_directory));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(keys));
        Assert.All(files, file => Assert.Equal(OwnerOnly, File.GetUnixFileMode(file)));
        Assert.All(files, file => Assert.Equal("secret", File.ReadAllText(file)));
    }

    [Fact]
    public async Task The_database_and_its_write_ahead_log_are_owner_only_while_the_api_uses_them()
    {
        var api = new ApiFactory(_directory);
        try
        {
            // Signing in writes the admin and a session: the database is in use, with its log beside it.
            using var browser = await api.CreateBrowserAsync();

            var database = Path.Combine(_directory, DataDirectory.Database);
            Assert.True(File.Exists(database + "-wal"), "the database is not in WAL mode: the check below would see no log");
            Assert.All(new[] { database, database + "-wal", database + "-shm" }, file => Assert.Equal(OwnerOnly, File.GetUnixFileMode(file)));
            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(_directory));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Fact]
    public void A_key_stored_later_is_written_owner_only_and_whole_beside_none_of_its_temporary_files()
    {
        var keys = DurableFile.PrepareDirectory(Path.Combine(_directory, DataDirectory.Keys));
        var repository = new DurableXmlRepository(keys);

        repository.StoreElement(new XElement("key", new XAttribute("id", "1")), "key-1");
        repository.StoreElement(new XElement("key", new XAttribute("id", "2")), "../escape");

        var written = Directory.GetFiles(keys);
        Assert.Equal(2, written.Length);
        Assert.Contains(Path.Combine(keys, "key-1.xml"), written);
        Assert.All(written, file => Assert.Equal(OwnerOnly, File.GetUnixFileMode(file)));
        Assert.Equal(["1", "2"], repository.GetAllElements().Select(key => key.Attribute("id")!.Value).Order());
    }

    [Fact]
    public void A_durable_write_replaces_a_loose_file_with_an_owner_only_one()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "state.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, Loose);

        DurableFile.Write(path, "new"u8);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void Flushing_a_directory_that_is_not_there_says_which()
    {
        var missing = Path.Combine(_directory, "missing");

        var error = Assert.Throws<IOException>(() => DurableFile.FlushDirectory(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
