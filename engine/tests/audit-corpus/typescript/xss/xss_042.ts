// ok: xss
import { Component, SecurityContext } from "@angular/core";
import { DomSanitizer, SafeHtml, SafeResourceUrl } from "@angular/platform-browser";
import { ActivatedRoute } from "@angular/router";

@Component({ selector: "app-view", template: "<div [innerHTML]=\"html()\"></div>" })
export class CommentComponent {
  constructor(private sanitizer: DomSanitizer) {}
  html(body: string): string | null {
    return this.sanitizer.sanitize(SecurityContext.HTML, body);
  }
}
