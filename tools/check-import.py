#!/usr/bin/env python3
"""Checks an import against the running local stack: every published file's original URL answers
200 or 301, every URL the report says answers 301 (a section's list page) does, no page shows a
shortcode's delimiters, every image of the site's own a page shows answers 200, and which pages
carry hreflang links; then each language home and feed.
Usage: check-import.py ENDPOINTS_JSON IMPORT_REPORT_JSON"""
import collections
import json
import re
import sys
import urllib.error
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main(endpoints_file, report_file):
    site = json.load(open(endpoints_file))["site"].rstrip("/")
    report = json.load(open(report_file))
    opener = urllib.request.build_opener(NoRedirect)

    def get(path):
        try:
            with opener.open(site + path, timeout=20) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    statuses, alternates, wrong, languages = collections.Counter(), collections.Counter(), [], set()
    redirected, images, checked = collections.Counter(), collections.Counter(), {}
    for outcome in report["outcomes"]:
        url = outcome.get("originalUrl")
        if url and "answers 301" in outcome.get("cause", ""):
            status, _ = get(url)
            redirected[status] += 1
            if status != 301:
                wrong.append((outcome["file"], url, status))
            continue
        if not url or not outcome["outcome"].startswith("published"):
            continue
        status, body = get(url)
        statuses[status] += 1
        if status not in (200, 301):
            wrong.append((outcome["file"], url, status))
        if status == 200:
            lang = re.search(r'<html lang="([^"]+)"', body).group(1)
            languages.add(lang)
            alternates[(lang, "with hreflang" if 'hreflang="' in body else "without")] += 1
            if "{{<" in body or "{{%" in body:
                wrong.append((outcome["file"], url, "shows shortcode delimiters"))
            for src in re.findall(r'<img[^>]+src="(/[^"]+)"', body):
                if src not in checked:
                    checked[src] = get(src.replace("&amp;", "&"))[0]
                images[checked[src]] += 1
                if checked[src] != 200:
                    wrong.append((outcome["file"], src, checked[src]))
    print("original URLs by status:", dict(statuses))
    print("list pages redirected, by status:", dict(redirected))
    print("the site's own images on those pages, by status:", dict(images), f"({len(checked)} distinct)")
    print("pages by language and hreflang:", {f"{k[0]} {k[1]}": v for k, v in sorted(alternates.items())})
    default = re.search(r'<html lang="([^"]+)"', get("/")[1]).group(1)
    for lang in sorted(languages - {default}):
        home, body = get("/" + lang + "/")
        feed, _ = get("/" + lang + "/feed.xml")
        print(f"/{lang}/: {home}, feed {feed}")
    print("wrong:", len(wrong))
    for item in wrong:
        print("  ", *item)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
