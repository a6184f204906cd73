using RouterOS.Dashboard.Prerender;

// Usage: RouterOS.Dashboard.Prerender WWWROOT [--check]
// Writes each open page beside WWWROOT/index.html; with --check writes nothing and exits 1 when a
// checked-in page differs from what the components render now.
if (args.Length is < 1 or > 2 || (args.Length == 2 && args[1] != "--check"))
{
    Console.Error.WriteLine("usage: RouterOS.Dashboard.Prerender WWWROOT [--check]");
    return 2;
}
var wwwroot = args[0];
var check = args.Length == 2;
var stale = 0;
foreach (var (file, html) in await StaticPages.RenderAsync(await File.ReadAllTextAsync(Path.Combine(wwwroot, "index.html"))))
{
    var path = Path.Combine(wwwroot, file);
    if (!check)
    {
        await File.WriteAllTextAsync(path, html);
        Console.WriteLine($"wrote {path}");
    }
    else if (!File.Exists(path) || await File.ReadAllTextAsync(path) != html)
    {
        Console.Error.WriteLine($"{path} is stale: run make prerender");
        stale++;
    }
}
return stale == 0 ? 0 : 1;
