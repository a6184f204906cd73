// Hands bytes the dashboard fetched to the browser as a download. A backup comes from a GET with its
// passphrase in a header (never in a URL), which a plain link cannot send: the dashboard fetches it and
// saves it from here.
export function saveFile(name, type, bytes) {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoked after the click has started the download, not before.
    setTimeout(() => URL.revokeObjectURL(url), 0);
}
