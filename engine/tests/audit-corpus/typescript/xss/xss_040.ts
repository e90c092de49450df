// expect: xss (on the marked line)
import { Component, SecurityContext } from "@angular/core";
import { DomSanitizer, SafeHtml, SafeResourceUrl } from "@angular/platform-browser";
import { ActivatedRoute } from "@angular/router";

@Component({ selector: "app-view", template: "<div [innerHTML]=\"html()\"></div>" })
export class CommentComponent {
  constructor(private sanitizer: DomSanitizer) {}
  html(body: string): SafeHtml {
    return this.sanitizer.bypassSecurityTrustHtml(body);  // expect: xss
  }
}
