// expect: xss (on the marked line)
import React, { useEffect } from "react";
import DOMPurify from "dompurify";

export function Preview() {
  const q = new URLSearchParams(window.location.search).get("q");
  useEffect(() => {
    document.getElementById("out").innerHTML = "<b>" + q + "</b>";  // expect: xss
  });
  return <div id="out" />;
}
