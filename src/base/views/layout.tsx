/** The shared page shell for public and staff pages. No JavaScript unless a page brings its own. */
import type { Child } from "hono/jsx";
import type { Lang } from "../../i18n";
import { CSS } from "./styles";
import { Style } from "./style";

export type LayoutProps = {
  lang: Lang;
  title: string;
  children?: Child;
  /** a link to the same page in the other language */
  switchLang?: { href: string; label: string };
  wide?: boolean;
  head?: Child;
  noindex?: boolean;
};

export function Layout(props: LayoutProps) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        <title>{props.title}</title>
        <Style css={CSS} />
        {props.head}
      </head>
      <body>
        {props.switchLang ? (
          <header class="top">
            <span>{props.title}</span>
            <a href={props.switchLang.href} hreflang={props.lang === "id" ? "en" : "id"}>
              {props.switchLang.label}
            </a>
          </header>
        ) : null}
        <main class={props.wide ? "wide" : undefined}>{props.children}</main>
      </body>
    </html>
  );
}
