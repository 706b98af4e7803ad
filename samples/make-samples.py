#!/usr/bin/env python3
"""make-samples.py: write the bundled sample files (samples/*.csv).

    python3 samples/make-samples.py [DIR]     # default: the folder it is in

The files are invented: suppliers' spellings, amounts, dates and
identifiers come from a seeded random generator, so a run writes the same
bytes every time.  Each payment file imitates one council's published
layout and the mess real files have (see samples/README.md).  At the end
it prints, per file, the data rows written and their net total in pence:
the figures tests/samples/*.t expect normalise to reproduce.
"""
import datetime
import os
import random
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
    os.path.abspath(__file__))

FYS = [(2022, 1.00, 1.00), (2023, 1.18, 1.04), (2024, 1.42, 1.08)]
"""Financial years (April start) with a multiplier for tech and other
spend, so growth charts have something to show."""
SHARE = [0.16, 0.19, 0.23]
"""Technology's share of each financial year's spend, per file."""

# National tech suppliers: category, expense types, descriptions, amount
# range in pounds, and the spelling each council uses (None: not a
# supplier of that council).
TECH = [
    ("bt", "telecoms", ["Telephones", "Telecommunications"],
     ["Line rental and calls", "PSN connectivity", "SIP trunk charges",
      "Ethernet circuits, quarterly"], (900, 9000),
     {"CAM": "British Telecommunications PLC", "KEN": "BT PLC",
      "LDS": "British Telecom plc", "MAN": "BRITISH TELECOMMUNICATIONS PLC",
      "BRS": "BT Plc", "HAC": "British Telecommunications Plc",
      "BHC": "BT Group PLC", "LAN": "BRITISH TELECOMMUNICATIONS P.L.C.",
      "TWB": "B T PLC", "CHE": "British Telecom"}),
    ("microsoft", "software", ["Software Licences"],
     ["Microsoft 365 E3 licences", "Enterprise agreement true-up",
      "Dynamics licences, annual"], (6000, 60000),
     {"CAM": "Microsoft Ltd", "KEN": "MICROSOFT LIMITED",
      "LDS": "Microsoft Limited", "MAN": "MICROSOFT LTD",
      "BRS": "Microsoft Ltd.", "HAC": "Microsoft Limited",
      "BHC": "MICROSOFT LTD", "LAN": "MICROSOFT LTD.",
      "TWB": "Microsoft Ltd", "CHE": "MICROSOFT LIMITED"}),
    ("capita", "it-services", ["IT Services", "ICT Managed Service"],
     ["Managed service charge", "Service desk support",
      "Payroll system hosting and support"], (3000, 40000),
     {"CAM": "Capita Business Services Ltd",
      "KEN": "CAPITA BUSINESS SERVICES LIMITED",
      "MAN": "Capita Business Services Limited",
      "BRS": "Capita Business Services Ltd",
      "HAC": "CAPITA BUSINESS SERVICES LTD",
      "LAN": "Capita Business Services Limited",
      "CHE": "Capita Business Services Ltd"}),
    ("computacenter", "hardware", ["Computer Hardware", "ICT Equipment"],
     ["Laptops for staff refresh", "Docking stations and monitors",
      "Network switches"], (1500, 25000),
     {"CAM": "Computacenter (UK) Ltd", "KEN": "COMPUTACENTER UK LIMITED",
      "LDS": "Computacenter UK Ltd", "BRS": "Computacenter (UK) Limited",
      "HAC": "COMPUTACENTER (UK) LTD", "BHC": "Computacenter UK Limited",
      "LAN": "Computacenter (UK) Ltd"}),
    ("softcat", "software", ["Software Licences", "Software Maintenance"],
     ["Adobe licence renewal", "Antivirus subscription",
      "Backup software support"], (600, 15000),
     {"CAM": "Softcat plc", "LDS": "SOFTCAT PLC", "MAN": "Softcat Plc",
      "BRS": "Softcat PLC", "HAC": "SOFTCAT plc", "BHC": "Softcat Plc",
      "TWB": "Softcat plc", "CHE": "SOFTCAT PLC"}),
    ("aws", "cloud-hosting", ["Cloud Hosting", "IT Hosting"],
     ["Hosting charges", "Cloud infrastructure consumption"], (700, 12000),
     {"CAM": "Amazon Web Services EMEA SARL", "LDS": "AWS EMEA SARL",
      "MAN": "Amazon Web Services EMEA S.a.r.l.",
      "BRS": "AMAZON WEB SERVICES EMEA SARL",
      "HAC": "Amazon Web Services EMEA SARL", "BHC": "AWS EMEA SARL",
      "LAN": "Amazon Web Services EMEA Sarl"}),
    ("vodafone", "telecoms", ["Mobile Phones", "Telephones"],
     ["Mobile voice and data", "Corporate mobile contract"], (500, 6000),
     {"CAM": "Vodafone Ltd", "KEN": "VODAFONE LIMITED",
      "LDS": "Vodafone Limited", "MAN": "Vodafone Ltd",
      "BRS": "VODAFONE LTD", "HAC": "Vodafone Limited", "BHC": "VODAFONE LTD",
      "LAN": "Vodafone Ltd", "TWB": "Vodafone Limited",
      "CHE": "Vodafone Ltd"}),
    ("civica", "software", ["Software Maintenance", "Software Licences"],
     ["Revenues and benefits system support", "Annual maintenance"],
     (2000, 30000),
     {"KEN": "CIVICA UK LIMITED", "LDS": "Civica UK Ltd",
      "BRS": "Civica UK Limited", "BHC": "Civica UK Ltd",
      "LAN": "CIVICA UK LTD", "TWB": "Civica UK Limited",
      "CHE": "Civica UK Ltd"}),
    ("ncc", "cyber-security", ["Cyber Security", "IT Consultancy"],
     ["Penetration testing", "IT health check", "Incident response retainer"],
     (3000, 20000),
     {"CAM": "NCC Group Security Services Ltd",
      "MAN": "NCC GROUP SECURITY SERVICES LIMITED",
      "LDS": "NCC Group Security Services Limited",
      "HAC": "NCC Group Security Services Ltd",
      "BHC": "NCC GROUP SECURITY SERVICES LTD"}),
]

# One small local technology firm per council.
LOCAL_TECH = {
    "CAM": ("Fleet Street Digital Ltd", "it-services",
            "Website development sprint"),
    "KEN": ("Medway Network Solutions Ltd", "it-services",
            "Network cabling, Maidstone office"),
    "LDS": ("Aire Valley IT Services Ltd", "it-services",
            "Desktop support call-off"),
    "MAN": ("Irwell Cloud Ltd", "cloud-hosting", "Hosted telephony"),
    "BRS": ("Avon Cyber Ltd", "cyber-security", "Cyber awareness training"),
    "HAC": ("Mare Street Data Ltd", "it-services",
            "Data platform development"),
    "BHC": ("Kemptown Code Ltd", "it-services", "Web accessibility fixes"),
    "LAN": ("Ribble Valley Networks Ltd", "it-services",
            "WAN site survey and cabling"),
    "TWB": ("Pantiles Web Design Ltd", "it-services",
            "Website hosting and support"),
    "CHE": ("Cotswold Cloud Services Ltd", "cloud-hosting",
            "Cloud backup service"),
}

# Other spend: service area, expense types, descriptions, amount range,
# suppliers (the council's own area is filled in for {place}).
OTHER = [
    ("Adult Social Care", ["Residential Care", "Home Care",
                           "Supported Living"],
     ["Residential placement", "Home care package", "Respite care"],
     (1500, 45000),
     ["Meadowbank Residential Care Ltd", "Willow Lodge Care Ltd",
      "HomeFirst Domiciliary Care", "{place} Shared Lives Scheme",
      "St Anne\u2019s Community Services"]),
    ("Highways", ["Road Maintenance", "Street Lighting"],
     ["Carriageway resurfacing", "Pothole repairs, ward programme",
      "Street lighting maintenance"], (2000, 80000),
     ["Kestrel Highways Ltd", "O\u2019Connell Surfacing Ltd",
      "Ringway Infrastructure Services Ltd"]),
    ("Waste Management", ["Refuse Collection", "Waste Disposal"],
     ["Residual waste disposal", "Recycling processing",
      "Garden waste collection"], (5000, 120000),
     ["Veolia ES (UK) Ltd", "Greenway Recycling Ltd",
      "Biffa Municipal Ltd"]),
    ("Education", ["School Transport", "Fees and Charges",
                   "Special Educational Needs"],
     ["Home to school transport", "Independent school placement",
      "Tuition, SEN"], (600, 30000),
     ["A1 Taxis", "Oakfield Academy Trust", "Hilltop Tutors Ltd",
      "Sunshine Nursery Ltd"]),
    ("Housing", ["Temporary Accommodation", "Repairs and Maintenance"],
     ["Nightly paid accommodation", "Void property repairs",
      "Gas servicing, council stock"], (600, 25000),
     ["Homestead Accommodation Ltd", "Keystone Property Repairs Ltd",
      "Travelodge Hotels Ltd"]),
    ("Corporate Services", ["Stationery", "Agency Staff", "Printing"],
     ["Office supplies", "Agency social worker", "Council tax bills print"],
     (500, 15000),
     ["Lyreco UK Ltd", "Hays Specialist Recruitment Ltd",
      "{place} Print Services Ltd"]),
]

REDACTED = {"CAM": "Redacted", "KEN": "REDACTED PERSONAL DATA",
            "LDS": "REDACTED PERSONAL DATA",
            "MAN": "Redacted Personal Information",
            "BRS": "REDACTED PERSONAL DATA", "HAC": "Personal Data",
            "BHC": "Name Withheld", "LAN": "Supplier Name Withheld",
            "TWB": "Data Protection", "CHE": ""}
PLACE = {"CAM": "Camden", "KEN": "Kent", "LDS": "Leeds", "MAN": "Manchester",
         "BRS": "Bristol", "HAC": "Hackney", "BHC": "Brighton",
         "LAN": "Lancashire", "TWB": "Tunbridge Wells", "CHE": "Cheltenham"}

# Companies House numbers of two national suppliers, as Wakefield's
# published payments give them; every other company or VAT number in the
# samples is invented.
COMPANY = {"bt": "01800000", "capita": "02299747"}


def pounds(rng, lo, hi, mult, floor=50000):
    """Pence between lo and hi pounds times mult, often a round figure,
    at least floor."""
    p = int(rng.uniform(lo, hi) * mult * 100)
    if rng.random() < 0.3:
        p -= p % 10000
    return max(p, floor)


def make_rows(code, n, seed, scale=None, floor=50000):
    """n payment rows for council code, sorted by date, about a fifth of
    the money on technology.  scale (the councils added later) multiplies
    every amount, for a council's size, and spreads each year's rows over
    its twelve months; floor is the smallest payment in pence."""
    rng = random.Random(seed)
    tech = [t for t in TECH if code in t[5]]
    rows = []
    for i in range(n):
        fy = i * len(FYS) // n
        y, tmult, omult = FYS[fy]
        start = datetime.date(y, 4, 1)
        if scale is None:
            date = start + datetime.timedelta(days=rng.randrange(365))
        else:
            # Month by month through the year, so every month has rows.
            first = -(-fy * n // len(FYS))     # the year's first row
            m = 3 + (i - first) % 12
            date = datetime.date(y + m // 12, m % 12 + 1,
                                 1 + rng.randrange(28))
            tmult, omult = tmult * scale, omult * scale
        r = {"date": date}
        if rng.random() < 0.30 + 0.05 * (y - 2022):
            if rng.random() < 0.15:
                name, cat, desc = LOCAL_TECH[code]
                r.update(key="local", supplier=name, category=cat,
                         service="Digital Services",
                         expense="IT Services", desc=desc,
                         pence=pounds(rng, 600, 8000, tmult, floor))
            else:
                key, cat, exps, descs, (lo, hi), names = rng.choice(tech)
                r.update(key=key, supplier=names[code], category=cat,
                         service=rng.choice(["Digital Services",
                                             "ICT", "Corporate Services"]),
                         expense=rng.choice(exps), desc=rng.choice(descs),
                         pence=pounds(rng, lo / 1.4, hi / 1.4, tmult,
                                      floor))
        else:
            svc, exps, descs, (lo, hi), names = rng.choice(OTHER)
            sup = rng.choice(names).replace("{place}", PLACE[code])
            r.update(key=None, supplier=sup, category=None, service=svc,
                     expense=rng.choice(exps), desc=rng.choice(descs),
                     pence=pounds(rng, lo, hi, omult, floor))
            if svc in ("Adult Social Care", "Education") and \
                    rng.random() < 0.2:
                r.update(supplier=REDACTED[code], redacted=True,
                         desc="Direct payment")
        rows.append(r)
    # Random draws alone leave the years uneven: scale each year's tech
    # rows to a set share of that year's spend, growing year on year.
    for y, share in zip([f[0] for f in FYS], SHARE):
        yr = [r for r in rows if r["date"].year - (r["date"].month < 4) == y]
        tech_p = sum(r["pence"] for r in yr if r["key"] is not None)
        other_p = sum(r["pence"] for r in yr if r["key"] is None)
        if tech_p == 0:
            continue
        f = share * other_p / ((1 - share) * tech_p)
        for r in yr:
            if r["key"] is not None:
                r["pence"] = max(int(r["pence"] * f), floor)
    # A few credit notes: negative repeats of an earlier payment.
    for j in rng.sample(range(5, n), 4):
        c = dict(rows[j])
        c["date"] = c["date"] + datetime.timedelta(days=rng.randrange(1, 20))
        if scale is not None:
            c["date"] = min(c["date"], datetime.date(2025, 3, 31))
        c["pence"] = -(c["pence"] // 4 - c["pence"] // 4 % 100)
        c["desc"] = "Credit note"
        c["credit"] = True
        rows.append(c)
    rows.sort(key=lambda r: (r["date"], r["supplier"], r["pence"]))
    for k, r in enumerate(rows):
        r["txn"] = 7100000 + seed * 10000 + k * 7
    return rows


def csvfield(s):
    s = str(s)
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def csvline(fields):
    return ",".join(csvfield(f) for f in fields)


def plain(p):
    return "%s%d.%02d" % ("-" if p < 0 else "", abs(p) // 100, abs(p) % 100)


def thousands(p):
    return "%s%s.%02d" % ("-" if p < 0 else "", "{:,}".format(abs(p) // 100),
                          abs(p) % 100)


def write(name, lines, eol, encoding, bom=b""):
    data = bom + eol.join(lines).encode(encoding) + eol.encode(encoding)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def summary(name, rows):
    total = sum(r["pence"] for r in rows)
    tech = sum(r["pence"] for r in rows if r["key"] is not None)
    print("%s\t%d rows\t%d pence\ttech %.0f%%" %
          (name, len(rows), total, 100.0 * tech / total))


def camden():
    """UTF-8 with BOM, CRLF; a title row and a blank line above the
    header; GSS code in Body; dd/mm/yyyy; "£1,234.56"; company numbers;
    descriptions with commas; a Total footer."""
    rows = make_rows("CAM", 110, 1)
    out = ["London Borough of Camden - payments to suppliers over \u00a3500,"
           "April 2022 to March 2025", ""]
    out.append(csvline(["Body", "Body Name", "Service Area", "Expense Type",
                        "Payment Date", "Transaction Number", "Net Amount",
                        "Supplier Name", "Company Number", "Description"]))
    for r in rows:
        co = COMPANY.get(r["key"], "")
        if r["key"] == "local":
            co = "12345678"
        out.append(csvline([
            "E09000007", "London Borough of Camden", r["service"],
            r["expense"], r["date"].strftime("%d/%m/%Y"), r["txn"],
            ("-" if r["pence"] < 0 else "") + "\u00a3" +
            thousands(abs(r["pence"])),
            r["supplier"], co,
            r["desc"] + (", " + r["date"].strftime("%B %Y")
                         if r["key"] is not None else "")]))
    out.append(csvline(["Total", "", "", "", "", "", "\u00a3" +
                        thousands(sum(r["pence"] for r in rows)), "", "",
                        ""]))
    write("camden-spend-2022-2025.csv", out, "\r\n", "utf-8",
          bom=b"\xef\xbb\xbf")
    summary("camden-spend-2022-2025.csv", rows)


def kent():
    """Windows-1252 (0xA3 pound signs, 0x92 apostrophes), CR-only line
    ends; title row and blank line; spacer columns; dd-Mon-yy; credits as
    (123.00) and 45.00 CR; VAT numbers; no buyer column; a TOTAL footer."""
    rows = make_rows("KEN", 120, 2)
    rng = random.Random(20)
    out = ["Kent County Council \u2013 Spend over \u00a3250 (net of VAT)",
           ""]
    out.append(csvline(["Date Paid", "Supplier Name", "", "Net Amount(\u00a3)",
                        "VAT Registration Number", "", "Service",
                        "Expense Type", "Transaction ID"]))
    vat = {}
    for r in rows:
        p = r["pence"]
        if p < 0:
            amt = "(%s)" % plain(-p) if r["txn"] % 2 else plain(-p) + " CR"
        elif rng.random() < 0.25:
            amt = "\u00a3" + plain(p)
        else:
            amt = plain(p)
        if r.get("redacted"):
            v = ""
        else:
            v = vat.setdefault(r["supplier"], "GB %03d %04d %02d" % (
                rng.randrange(100, 999), rng.randrange(10000),
                rng.randrange(100)))
        out.append(csvline([r["date"].strftime("%d-%b-%y"), r["supplier"],
                            "", amt, v, "", r["service"], r["expense"],
                            "KCC%08d" % r["txn"]]))
    out.append(csvline(["", "TOTAL", "", plain(sum(r["pence"]
                                                  for r in rows)),
                        "", "", "", "", ""]))
    write("kent-payments-2022-2025.csv", out, "\r", "cp1252")
    summary("kent-payments-2022-2025.csv", rows)


def leeds():
    """UTF-8, LF; data.gov.uk URI in Body; yyyy-mm-dd 00:00:00; quoted
    fields with commas, doubled quotes and line breaks; negative amounts
    with a minus; REDACTED PERSONAL DATA."""
    rows = make_rows("LDS", 100, 3)
    out = [csvline(["Body", "Body name", "Service label",
                    "Service division label", "Expenditure category",
                    "Detailed expenditure type", "Date paid",
                    "Transaction Number", "Net Amount", "Capital or revenue",
                    "Supplier name", "Purpose"])]
    for k, r in enumerate(rows):
        desc = r["desc"]
        if r["key"] == "microsoft" and k % 2:
            desc = 'Licences for "Teams Rooms", phase 2\nsee PO 4500123'
        elif r["key"] == "aws":
            desc = 'Hosting for the "new" web platform'
        out.append(csvline([
            "http://statistics.data.gov.uk/doc/local-authority/00DA",
            "Leeds City Council", r["service"],
            r["service"] + ", " + r["expense"],
            "Supplies and Services", r["expense"],
            r["date"].strftime("%Y-%m-%d 00:00:00"), "%d-%05d" % (
                r["date"].year % 100 * 100 + r["date"].month, k + 1),
            plain(r["pence"]), "R", r["supplier"], desc]))
    write("leeds-payments-2022-2025.csv", out, "\n", "utf-8")
    summary("leeds-payments-2022-2025.csv", rows)


def manchester():
    """UTF-8, LF; a two-line preamble and a blank line; GSS code column;
    yyyy-mm-dd; "1,234.56" quoted with thousands separators; supplier
    IDs; Redacted Personal Information."""
    rows = make_rows("MAN", 95, 4)
    out = ["Manchester City Council", "Payments over \u00a3500 to suppliers",
           ""]
    out.append(csvline(["Organisation Name", "Organisation Code",
                        "Service Area", "Expenses Type",
                        "Invoice Payment Date", "Transaction Number",
                        "Amount", "Supplier Name", "Supplier ID"]))
    ids = {}
    for r in rows:
        sid = "" if r.get("redacted") else ids.setdefault(
            r["supplier"], "S%05d" % (len(ids) * 37 % 99991 + 10007))
        out.append(csvline(["Manchester City Council", "E08000003",
                            r["service"], r["expense"],
                            r["date"].isoformat(), 1900000000 + r["txn"],
                            thousands(r["pence"]), r["supplier"], sid]))
    write("manchester-payments-2022-2025.csv", out, "\n", "utf-8")
    summary("manchester-payments-2022-2025.csv", rows)


def bristol():
    """UTF-8, LF; buyer only in the sources table; dd/mm/yyyy; amounts
    plain, with "£" or "£12,000.00" quoted; capital/revenue flag."""
    rows = make_rows("BRS", 90, 5)
    rng = random.Random(50)
    out = [csvline(["Directorate", "Service Division", "Expenditure Type",
                    "Payment Date", "Supplier Name", "Amount",
                    "Transaction Number", "Capital/Revenue"])]
    for r in rows:
        p = r["pence"]
        if p >= 1000000 and rng.random() < 0.5:
            amt = "\u00a3" + thousands(p)
        elif rng.random() < 0.2:
            amt = "\u00a3" + plain(p)
        else:
            amt = plain(p)
        directorate = ("Resources" if r["key"] is not None else
                       {"Adult Social Care": "People",
                        "Education": "Children and Education"}.get(
                            r["service"], "Growth and Regeneration"))
        out.append(csvline([directorate, r["service"], r["expense"],
                            r["date"].strftime("%d/%m/%Y"), r["supplier"],
                            amt, "BCC-%d" % r["txn"], "Revenue"]))
    write("bristol-payments-2022-2025.csv", out, "\n", "utf-8")
    summary("bristol-payments-2022-2025.csv", rows)


def fy_of(d):
    """The April-start financial year of a date."""
    return d.year - (d.month < 4)


def general(p):
    """Pence as a spreadsheet's General format writes pounds: no trailing
    zeros, no point for whole pounds ("1234.5", "1200")."""
    s = plain(p)
    return s.rstrip("0").rstrip(".")


def hackney():
    """One file per financial year; separate Net Amount, VAT and Gross
    Amount columns (the net is the payment); Payee Name; dd.mm.yyyy;
    the buyer by name in Body Name; Personal Data."""
    rows = make_rows("HAC", 105, 6, scale=1.0)
    vatable = ("Highways", "Waste Management", "Corporate Services")
    for y in [f[0] for f in FYS]:
        name = "hackney-payments-%d-%02d.csv" % (y, (y + 1) % 100)
        yr = [r for r in rows if fy_of(r["date"]) == y]
        out = [csvline(["Body Name", "Directorate", "Service",
                        "Expense Type", "Payment Date",
                        "Transaction Number", "Payee Name", "Net Amount",
                        "VAT", "Gross Amount"])]
        for r in yr:
            p = r["pence"]
            vat = 0
            if r["key"] is not None or r["service"] in vatable:
                vat = abs(p) // 5 * (1 if p > 0 else -1)
            out.append(csvline([
                "London Borough of Hackney",
                "Finance and Corporate Resources" if r["key"] is not None
                else "Climate, Homes and Economy", r["service"],
                r["expense"], r["date"].strftime("%d.%m.%Y"),
                "HK%d/%06d" % (y % 100, r["txn"] % 1000000),
                r["supplier"], plain(p), plain(vat), plain(p + vat)]))
        write(name, out, "\n", "utf-8")
        summary(name, yr)


BHC_PROCLASS = {
    "Adult Social Care": "Social Community Care Supplies & Services - Adult",
    "Highways": "Roads", "Waste Management": "Environmental Services",
    "Education": "Education", "Housing": "Housing Management",
    "Corporate Services": "Facilities & Management Services"}


def brighton():
    """Beneficiary; Date Paid written out ("1 April 2022"); amounts as a
    spreadsheet's General format ("1234.5", "1200"); Expense Area,
    Expense Type, Cost Centre and ProClass columns; three empty columns
    trailing every row; Private Individual."""
    rows = make_rows("BHC", 96, 7, scale=0.8)
    out = [csvline(["Beneficiary", "Date Paid", "Amount", "Expense Area",
                    "Expense Type", "Cost Centre", "ProClass",
                    "Description", "", "", ""])]
    for r in rows:
        svc = r["service"]
        pc = ("Information Communication Technology" if r["key"] is not None
              else BHC_PROCLASS[svc])
        cc = "BH%04d" % (sum(map(ord, svc + r["expense"])) % 9000 + 1000)
        out.append(csvline([
            r["supplier"], "%d %s" % (r["date"].day,
                                      r["date"].strftime("%B %Y")),
            general(r["pence"]), svc, r["expense"], cc, pc, r["desc"],
            "", "", ""]))
    write("brighton-hove-payments-2022-2025.csv", out, "\n", "utf-8")
    summary("brighton-hove-payments-2022-2025.csv", rows)


def lancashire():
    """Three yearly exports run together: every field quoted, the header
    row again at the top of each year after a blank line; Posting Date as
    yyyymmdd; Vendor Name and Vendor Number; Cost Centre Description and
    G/L Description; Name Withheld."""
    rows = make_rows("LAN", 120, 8, scale=1.0)
    head = ["Posting Date", "Vendor Name", "Vendor Number",
            "Cost Centre Description", "G/L Description",
            "Transaction Amount", "Document Number"]
    def quoted(fields):
        return ",".join('"' + str(f).replace('"', '""') + '"'
                        for f in fields)
    out = []
    ids = {}
    for y in [f[0] for f in FYS]:
        if out:
            out.append("")
        out.append(quoted(head))
        for r in rows:
            if fy_of(r["date"]) != y:
                continue
            vid = "" if r.get("redacted") else ids.setdefault(
                r["supplier"], "%07d" % (3000000 + len(ids) * 113))
            out.append(quoted([r["date"].strftime("%Y%m%d"), r["supplier"],
                               vid, r["service"], r["expense"],
                               plain(r["pence"]),
                               "51%08d" % (r["txn"] % 100000000)]))
    write("lancashire-spend-2022-2025.csv", out, "\n", "utf-8")
    summary("lancashire-spend-2022-2025.csv", rows)


def tunbridge_wells():
    """A spreadsheet saved as CSV: a title row that is just the council's
    name; Date as Excel serial day numbers; Amount as the spreadsheet's
    floating point writes it ("819.8399999999999", "1200"); Supplier;
    Data Protection."""
    rows = make_rows("TWB", 72, 9, scale=0.25, floor=25000)
    excel0 = datetime.date(1899, 12, 30)
    out = ["Tunbridge Wells Borough Council,,,,,",
           csvline(["Date", "Supplier", "Service", "Account Description",
                    "Amount", "Reference"])]
    for k, r in enumerate(rows):
        p = r["pence"]
        x = p * 0.01 if k % 2 else p / 100
        amt = repr(x)
        if amt.endswith(".0"):
            amt = amt[:-2]
        out.append(csvline([(r["date"] - excel0).days, r["supplier"],
                            r["service"], r["expense"], amt,
                            "TW%06d" % (r["txn"] % 1000000)]))
    write("tunbridge-wells-2022-2025.csv", out, "\n", "utf-8")
    summary("tunbridge-wells-2022-2025.csv", rows)


def cheltenham():
    """CRLF; a header in capitals with stray spaces; dd/mm/yy; credits with
    a trailing minus ("123.45-"); a "Total for April 2022" row after each
    month and a Grand Total; withheld names left blank."""
    rows = make_rows("CHE", 84, 10, scale=0.3, floor=25000)
    out = [csvline([" SUPPLIER NAME ", "PAYMENT DATE ", "AMOUNT (\u00a3)",
                    "SERVICE", "DESCRIPTION"])]
    def amount(p):
        return plain(-p) + "-" if p < 0 else plain(p)
    month = None
    sub = 0
    for r in rows + [None]:
        m = r and r["date"].replace(day=1)
        if month is not None and m != month:
            out.append(csvline(["Total for " + month.strftime("%B %Y"), "",
                                amount(sub), "", ""]))
            sub = 0
        if r is None:
            break
        month = m
        sub += r["pence"]
        out.append(csvline([r["supplier"], r["date"].strftime("%d/%m/%y"),
                            amount(r["pence"]), r["service"].upper(),
                            r["desc"]]))
    out.append(csvline(["Grand Total", "", amount(sum(r["pence"]
                                                     for r in rows)),
                        "", ""]))
    write("cheltenham-payments-2022-2025.csv", out, "\r\n", "utf-8")
    summary("cheltenham-payments-2022-2025.csv", rows)


CONTRACTS = [
    # title, supplier, company no, value, start, end, expiry, SME, proclass
    ("Microsoft Enterprise Agreement", "Microsoft Limited", "",
     1450000, "2022-07-01", "2025-06-30", "2026-06-30", "No", "270000"),
    ("Wide area network and telephony", "British Telecommunications plc",
     "01800000", 3200000, "2021-04-01", "2026-03-31", "2027-03-31", "No",
     "270000"),
    ("Revenues and benefits system", "Civica UK Ltd", "", 980000,
     "2020-10-01", "2025-09-30", "2027-09-30", "No", "271440"),
    ("Cloud hosting (AWS) via G-Cloud 13", "Amazon Web Services EMEA SARL",
     "", 600000, "2023-02-01", "2026-01-31", "2026-01-31", "No", "270000"),
    ("Service desk and desktop support", "Aire Valley IT Services Ltd",
     "", 240000, "2024-04-01", "2027-03-31", "2027-03-31", "Yes", "270000"),
    ("Penetration testing framework call-off",
     "NCC Group Security Services Ltd", "", 120000, "2024-06-01",
     "2026-05-31", "2026-11-30", "No", "270000"),
    ("End-user devices refresh", "Computacenter (UK) Ltd", "", 2100000,
     "2025-01-06", "2028-01-05", "2028-01-05", "No", "270000"),
    ("Social care case management system", "Capita Business Services Ltd",
     "02299747", 1750000, "2023-10-01", "2028-09-30", "2028-09-30", "No",
     "271440"),
    ("Mobile voice and data", "Vodafone Limited", "", 410000, "2022-11-01",
     "2024-10-31", "2026-10-31", "No", "270000"),
    ("Data centre hosting and backup", "Pennine Hosting Ltd", "", 330000,
     "2024-09-01", "2029-08-31", "2029-08-31", "Yes", "270000"),
    ("Digital accessibility audit", "Kirkstall Digital Ltd", "", 45000,
     "2025-03-01", "2026-02-28", "2026-02-28", "Yes", "150000"),
    ("Residential and nursing care framework", "Meadowbank Residential "
     "Care Ltd", "", 8400000, "2021-04-01", "2026-03-31", "2027-03-31",
     "Yes", "321000"),
    ("Home care, north-east zone", "HomeFirst Domiciliary Care", "",
     5200000, "2023-07-01", "2028-06-30", "2028-06-30", "Yes", "321000"),
    ("Highways term maintenance", "Ringway Infrastructure Services Ltd", "",
     24000000, "2019-04-01", "2026-03-31", "2028-03-31", "No", "391400"),
    ("Residual waste treatment", "Veolia ES (UK) Ltd", "", 61000000,
     "2016-01-01", "2041-01-31", "2041-01-31", "No", "180000"),
    ("Home to school transport, lot 3", "A1 Taxis", "", 760000,
     "2022-09-01", "2025-08-31", "2026-08-31", "Yes", "170000"),
    ("Void property repairs", "Keystone Property Repairs Ltd", "", 2900000,
     "2024-04-01", "2027-03-31", "2029-03-31", "Yes", "390000"),
    ("Agency staffing (neutral vendor)", "Hays Specialist Recruitment Ltd",
     "", 15000000, "2023-01-01", "2026-12-31", "2026-12-31", "No",
     "260000"),
    ("Office stationery", "Lyreco UK Ltd", "", 180000, "2021-06-01",
     "2024-05-31", "2024-05-31", "No", "190000"),
    ("Temporary accommodation block booking", "Homestead Accommodation "
     "Ltd", "", 1250000, "2024-11-01", "2027-10-31", "2027-10-31", "Yes",
     "250000"),
    ("Street lighting LED upgrade", "Kestrel Highways Ltd", "", 3400000,
     "2025-05-01", "2030-04-30", "2030-04-30", "Yes", "350000"),
    ("SIP telephony and contact centre", "Irwell Cloud Ltd", "", 290000,
     "2025-08-01", "2028-07-31", "2028-07-31", "Yes", "270000"),
]
PROCLASS = {"270000": "Information Communication Technology",
            "271440": "Software", "150000": "Consultancy",
            "321000": "Social Community Care Supplies & Services - Adult",
            "391400": "Roads", "180000": "Environmental Services",
            "170000": "Education",
            "390000": "Works - Construction, Repair & Maintenance",
            "260000": "Human Resources",
            "190000": "Facilities & Management Services",
            "250000": "Housing Management",
            "350000": "Street & Traffic Management"}


def contracts():
    """A Transparency Code contract register (Leeds): UTF-8 with BOM, CRLF,
    values "£1,200,000.00", dd/mm/yyyy, SME Yes/No, ProClass code and
    description, company numbers where known."""
    def dmy(s):
        return datetime.date.fromisoformat(s).strftime("%d/%m/%Y")
    out = [csvline(["Contract Reference", "Contract Title", "Supplier Name",
                    "Company Number", "Total Contract Value", "Start Date",
                    "End Date", "Current Expiry Date", "SME Supplier?",
                    "ProClass Code", "ProClass Description",
                    "Department"])]
    for k, c in enumerate(CONTRACTS):
        title, sup, co, val, start, end, exp, sme, pc = c
        dept = ("Digital and Information Service" if pc.startswith("27")
                else "City Development" if pc in ("391400", "350000",
                                                  "180000", "390000")
                else "Adults and Health" if pc == "321000"
                else "Resources")
        out.append(csvline(["LCC-%04d" % (1201 + k * 13), title, sup, co,
                            "\u00a3" + thousands(val * 100), dmy(start),
                            dmy(end), dmy(exp), sme, pc, PROCLASS[pc],
                            dept]))
    write("contracts-register.csv", out, "\r\n", "utf-8", bom=b"\xef\xbb\xbf")
    print("contracts-register.csv\t%d rows\t%d pence" % (
        len(CONTRACTS), sum(c[3] for c in CONTRACTS) * 100))


if __name__ == "__main__":
    camden()
    kent()
    leeds()
    manchester()
    bristol()
    hackney()
    brighton()
    lancashire()
    tunbridge_wells()
    cheltenham()
    contracts()
