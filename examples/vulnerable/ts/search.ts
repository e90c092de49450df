// Browser code with classic mistakes.
export function showResults(results: string[]): void {
  const query: string = new URLSearchParams(location.search).get("q") ?? "";
  const box = document.getElementById("results") as HTMLElement;
  box.innerHTML = `<h2>Results for ${query}</h2>` + results.join("");
}

export function goBack(): void {
  const next = new URLSearchParams(location.search).get("next") ?? "/";
  window.location.href = next;
}

export function legacyDigest(value: string): string {
  return require("crypto").createHash("sha1").update(value).digest("hex");
}
