// Saves a file the server streamed to the browser (the CSV export of the Accounts list).
export async function downloadFile(fileName, contentStreamReference) {
    const buffer = await contentStreamReference.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: "text/csv" }));
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = fileName ?? "export.csv";
    anchor.click();
    anchor.remove();
    URL.revokeObjectURL(url);
}

export function replaceAddress(url) {
  history.replaceState(history.state, '', new URL(url, document.baseURI));
}
