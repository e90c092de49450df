// expect: xss (on the marked line)
import { Component, SecurityContext } from "@angular/core";
import { DomSanitizer, SafeHtml, SafeResourceUrl } from "@angular/platform-browser";
import { ActivatedRoute } from "@angular/router";

@Component({ selector: "app-view", template: "<div [innerHTML]=\"html()\"></div>" })
export class FrameComponent {
  constructor(private sanitizer: DomSanitizer, private route: ActivatedRoute) {}
  src(): SafeResourceUrl {
    return this.sanitizer.bypassSecurityTrustResourceUrl(this.route.snapshot.queryParams["u"]);  // expect: xss
  }
}
