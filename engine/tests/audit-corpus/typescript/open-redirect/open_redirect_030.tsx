// ok: open-redirect
import React, { useEffect } from "react";
import DOMPurify from "dompurify";

export function After() {
  useEffect(() => {
    window.location.href = "/home";
  });
  return null;
}
