using Microsoft.JSInterop;

namespace PartnerPortal.Components.Shared;

/// <summary>Saves content made on the server as a file in the browser (wwwroot/download.js); the CSV exports use it.</summary>
public static class FileDownload
{
    public const string Module = "./download.js";

    public static async Task SaveAsync(IJSRuntime js, string fileName, string contentType, byte[] content)
    {
        using var reference = new DotNetStreamReference(new MemoryStream(content));
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", Module);
        await module.InvokeVoidAsync("downloadFile", fileName, contentType, reference);
    }
}
