// ok: xss
import { Component, SecurityContext } from "@angular/core";
import { DomSanitizer, SafeHtml, SafeResourceUrl } from "@angular/platform-browser";
import { ActivatedRoute } from "@angular/router";

@Component({ selector: "app-view", template: "<div [innerHTML]=\"html()\"></div>" })
export class BannerComponent {
  constructor(private sanitizer: DomSanitizer) {}
  html(): SafeHtml {
    return this.sanitizer.bypassSecurityTrustHtml("<b>Welcome</b>");
  }
}
