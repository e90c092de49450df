// ok: xss
import React, { useEffect } from "react";
import DOMPurify from "dompurify";

export function Preview() {
  const q = new URLSearchParams(window.location.search).get("q");
  useEffect(() => {
    document.getElementById("out").textContent = q;
  });
  return <div id="out" />;
}
