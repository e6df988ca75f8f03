"""Demo hirers: plausible south London names, organisations, phones and addresses.

Phone numbers come from Ofcom's drama ranges (07700 900xxx, 020 7946 0xxx) and email
addresses from the reserved example.* domains, so the data can never reach a real
person; with thousands of hirers a number is therefore shared by several of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from random import Random

from spacebank.domain.enums import HirerType
from spacebank.domain.hirer_terms import hirer_search_terms, hirer_sort_key
from spacebank.domain.text import fold

FIRST_NAMES = (
    "Olivia",
    "Amelia",
    "Aisha",
    "Fatima",
    "Grace",
    "Chloe",
    "Mohammed",
    "Oliver",
    "Kwame",
    "Chinedu",
    "Tunde",
    "Siobhan",
    "Zoë",
    "Łucja",
    "Agnieszka",
    "Małgorzata",
    "Wojciech",
    "José",
    "María",
    "Inês",
    "João",
    "Ayşe",
    "Mehmet",
    "Şükrü",
    "Gráinne",
    "Siân",
    "Dafydd",
    "Renée",
    "Noël",
    "Hélène",
    "François",
    "Björn",
    "Søren",
    "Jiří",
    "Adébáyọ̀",
    "Oluwaseun",
    "Chiamaka",
    "Abena",
    "Yaw",
    "Precious",
    "Blessing",
    "Nneka",
    "Samuel",
    "Daniel",
    "James",
    "Jack",
    "Harry",
    "George",
    "Emily",
    "Sophie",
    "Jessica",
    "Hannah",
    "Priya",
    "Rahul",
    "Anjali",
    "Sanjay",
    "Nasreen",
    "Abdul",
    "Yusuf",
    "Maryam",
    "Ibrahim",
    "Wei",
    "Mei",
    "Thanh",
    "Linh",
    "Hyun-woo",
    "Carlos",
    "Lucía",
    "Ana",
    "Marcus",
    "Leon",
    "Tyrone",
    "Shanice",
    "Kemi",
    "Efua",
    "Niamh",
    "Ciarán",
    "Seán",
    "Eilidh",
    "Rhiannon",
    "Ellie",
    "Ruby",
    "Isla",
    "Freya",
    "Mateusz",
    "Zuzanna",
    "Andrzej",
    "Dorota",
    "Hoa",
)

SURNAMES = (
    "Smith",
    "Jones",
    "Williams",
    "Brown",
    "Taylor",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Owusu",
    "Begum",
    "Khan",
    "Ahmed",
    "Patel",
    "Shah",
    "Nguyen",
    "Chen",
    "Wong",
    "Kowalski",
    "Nowak",
    "Żółć",
    "Wiśniewska",
    "O'Brien-Smith",
    "Ògúnlẹ́sì",
    "Ó Súilleabháin",
    "MacDonald",
    "da Silva",
    "Gonçalves",
    "Müller",
    "Yılmaz",
    "Öztürk",
    "Ibrahim",
    "Hussain",
    "Campbell",
    "Clarke",
    "Murphy",
    "Walsh",
    "O'Connor",
    "Boateng",
    "Asante",
    "Addo",
    "Eze",
    "Nwosu",
    "Bello",
    "Abubakar",
    "Johnson",
    "Robinson",
    "Wright",
    "Thompson",
    "White",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Harris",
    "Martin",
    "Jackson",
    "Lewis",
    "Lee",
    "Allen",
    "Mitchell",
    "Scott",
    "Phillips",
    "Reid",
    "Francis",
    "Grant",
    "Bennett",
    "Rahman",
    "Uddin",
    "Chowdhury",
    "Islam",
    "Mahmood",
    "Ali",
    "Hassan",
    "Farah",
    "Warsame",
    "Mohamed",
    "Kaur",
    "Singh",
    "Sharma",
    "Gupta",
    "Pérez",
    "García",
    "Rodríguez",
    "Fernández",
    "Santos",
    "Pereira",
    "Kim",
    "Park",
    "Tran",
    "Lê",
    "Dvořák",
    "Nováková",
    "Lefèvre",
    "Brontë",
    "Jørgensen",
    "Åkesson",
    "Kovačević",
    "Popescu",
    "Papadopoulos",
)

#: Named hirers the demo always has, so accented search can be tried at once.
SHOWCASE = (
    ("Łucja Żółć", HirerType.RESIDENT, ""),
    ("Zoë O'Brien-Smith", HirerType.PRIVATE, ""),
    ("Adébáyọ̀ Ògúnlẹ́sì", HirerType.CHARITY, "Peckham Yoruba Cultural Association"),
    (
        "Siân Ó Súilleabháin",
        HirerType.RESIDENT_ASSOCIATION,
        "Consort Estate Tenants' and Residents' Association",
    ),
    ("Mehmet Yılmaz", HirerType.BUSINESS, "Rye Lane Kickboxing Ltd"),
    ("Hélène Lefèvre", HirerType.COUNCIL, "Southwark Council – Adult Learning Service"),
)

PLACES = (
    "Peckham",
    "Camberwell",
    "Nunhead",
    "Dulwich",
    "East Dulwich",
    "Walworth",
    "Bermondsey",
    "Rotherhithe",
    "Elephant and Castle",
    "Borough",
    "Southwark",
    "Peckham Rye",
    "Surrey Docks",
    "Kennington",
    "Denmark Hill",
    "Goose Green",
    "Canada Water",
    "Newington",
)
CHARITY_KINDS = (
    "Toddler Group",
    "Lunch Club",
    "Food Bank",
    "Youth Club",
    "Carers' Support Group",
    "Refugee Welcome",
    "Men's Shed",
    "Dementia Café",
    "Mental Health Peer Support",
    "Stroke Club",
    "Homework Club",
    "Women's Network",
    "Somali Community Association",
    "Polish Saturday School",
    "Ghanaian Welfare Association",
    "Latin American Women's Group",
    "Friendship Club",
    "Credit Union",
    "Community Choir",
    "Bangladeshi Women's Association",
    "Tamil Cultural Society",
    "Over-60s Club",
    "Parent and Baby Group",
    "Scouts",
    "Girlguiding",
    "Sickle Cell Support Group",
    "Amateur Dramatic Society",
    "Bridge Club",
    "Chess Club",
    "Community Garden",
    "Tenants' Advice Project",
    "Vietnamese Community",
)
ESTATES = (
    "Brayards",
    "Consort",
    "Gloucester Grove",
    "Pelican",
    "Kingswood",
    "Aylesbury",
    "Brandon",
    "Tabard Gardens",
    "Setchell",
    "Four Squares",
    "Silwood",
    "Camden",
    "Acorn",
    "Elmington",
    "Sceaux Gardens",
    "Dickens",
    "Crampton",
    "Kinglake",
    "Leathermarket",
    "Rockingham",
    "Bonamy",
    "Downtown",
    "Osprey",
    "Astley",
    "Friary",
    "Nunhead Green",
)
BUSINESS_PREFIXES = (
    "Sunrise",
    "Riverside",
    "Little",
    "Urban",
    "Green",
    "Bright",
    "South London",
    "Blue Door",
    "Rye",
    "Thames",
    "Happy",
    "Golden",
    "Village",
    "Peckham",
    "Camberwell",
    "Dockside",
    "Bermondsey",
    "Elephant",
    "Kinetic",
    "Mindful",
)
BUSINESS_KINDS = (
    "Yoga",
    "Pilates",
    "Dance",
    "Kickboxing",
    "Music",
    "Tutoring",
    "Art Classes",
    "Baby Sensory",
    "Zumba",
    "Tai Chi",
    "First Aid Training",
    "Photography",
    "Coding Club",
    "Drama School",
    "Ballet",
    "Fitness",
    "Language School",
    "Events",
    "Catering",
    "Childminding Network",
    "Piano Lessons",
    "Martial Arts",
)
BUSINESS_SUFFIXES = ("Ltd", "CIC", "Studio", "Ltd", "& Co", "Academy", "Ltd")
COUNCIL_SERVICES = (
    ("Southwark Council – Public Health", "CC-4410"),
    ("Southwark Council – Adult Learning Service", "CC-4420"),
    ("Southwark Council – Resident Engagement", "CC-5120"),
    ("Southwark Council – Electoral Services", "CC-2210"),
    ("Southwark Council – Youth Services", "CC-6031"),
    ("Southwark Council – Parks and Leisure", "CC-7305"),
    ("Southwark Council – Family Early Help", "CC-6110"),
    ("Southwark Council – Housing Solutions", "CC-5240"),
    ("Southwark Council – Library Service", "CC-7120"),
)

#: District -> streets; hirers mostly live near the halls, private hirers anywhere.
STREETS = {
    "SE15": (
        "Bellenden Road",
        "Rye Lane",
        "Choumert Road",
        "Queen's Road",
        "Consort Road",
        "Peckham Hill Street",
        "Evelina Road",
        "Nunhead Lane",
        "Lyndhurst Way",
    ),
    "SE22": (
        "Lordship Lane",
        "Crystal Palace Road",
        "Northcross Road",
        "Barry Road",
        "Upland Road",
        "Ondine Road",
        "Friern Road",
    ),
    "SE5": (
        "Camberwell Grove",
        "Denmark Hill",
        "Coldharbour Lane",
        "Grove Lane",
        "Wyndham Road",
        "Flodden Road",
        "Benhill Road",
    ),
    "SE1": (
        "Tooley Street",
        "Long Lane",
        "Great Dover Street",
        "Webber Street",
        "Union Street",
        "Marshalsea Road",
        "Falmouth Road",
    ),
    "SE16": (
        "Jamaica Road",
        "Lower Road",
        "Southwark Park Road",
        "Albion Street",
        "Salter Road",
        "Rotherhithe Street",
        "Raymouth Road",
    ),
    "SE17": (
        "Walworth Road",
        "East Street",
        "Manor Place",
        "Penton Place",
        "Crampton Street",
        "Merrow Street",
        "Liverpool Grove",
    ),
}
OTHER_STREETS = {
    "SE4": ("Brockley Road", "Tyrwhitt Road"),
    "SE23": ("Honor Oak Park", "Stanstead Road"),
    "SW9": ("Brixton Road", "Stockwell Park Road"),
    "SE8": ("Deptford High Street",),
    "SE14": ("New Cross Road", "Pepys Road"),
    "SE11": ("Kennington Lane", "Black Prince Road"),
}
BLOCKS = (
    "Kinglake House",
    "Bradenham Close",
    "Canada Estate",
    "Pelican House",
    "Wyndham Court",
    "Sceaux Gardens",
    "Brandon House",
    "Dickens Estate",
    "Tissington Court",
)
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
HIRER_NOTES = (
    "Prefers letters by post; no email.",
    "Large-print documents, please.",
    "Regular hirer: knows the building.",
    "Call after 17:00 on weekdays.",
    "Needs step-free access.",
    "Invoices to the treasurer at the address above.",
    "Purchase order number required on invoices.",
    "Second contact on the other phone.",
)

#: Share of hirers by type (they sum to 1).
TYPE_SHARES = (
    (HirerType.RESIDENT, 0.42),
    (HirerType.PRIVATE, 0.18),
    (HirerType.CHARITY, 0.14),
    (HirerType.RESIDENT_ASSOCIATION, 0.05),
    (HirerType.BUSINESS, 0.16),
    (HirerType.COUNCIL, 0.05),
)


@dataclass(slots=True)
class DemoHirer:
    id: int
    hirer_type: HirerType
    name: str
    organisation: str
    phone: str
    phone_alt: str
    email: str
    address: str
    postcode: str
    notes: str
    #: Council hirers pay by internal recharge to this cost centre.
    cost_centre: str
    created_at: datetime | None = None
    _terms: frozenset[str] | None = None

    def row(self) -> dict[str, object]:
        return {
            "id": self.id,
            "hirer_type": self.hirer_type,
            "name": self.name,
            "organisation": self.organisation,
            "phone": self.phone,
            "phone_alt": self.phone_alt,
            "email": self.email,
            "address": self.address,
            "postcode": self.postcode,
            "notes": self.notes,
            "sort_key": hirer_sort_key(self.name, self.organisation),
            "created_at": self.created_at,
            "updated_at": self.created_at,
            "anonymised_at": None,
        }

    def search_terms(self) -> frozenset[str]:
        if self._terms is None:
            self._terms = frozenset(
                hirer_search_terms(
                    self.name, self.organisation, self.phone, self.phone_alt, self.postcode
                )
            )
        return self._terms


def make_hirers(rng: Random, count: int) -> list[DemoHirer]:
    """`count` hirers (at least one of each type), ids from 1, showcase names first."""
    hirers: list[DemoHirer] = []
    for name, hirer_type, organisation in SHOWCASE[:count]:
        hirers.append(_hirer(rng, len(hirers) + 1, hirer_type, name, organisation))
    types = [t for t, _ in TYPE_SHARES]
    weights = [w for _, w in TYPE_SHARES]
    while len(hirers) < count:
        hirer_type = rng.choices(types, weights)[0]
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        organisation = _organisation(rng, hirer_type)
        hirers.append(_hirer(rng, len(hirers) + 1, hirer_type, name, organisation))
    return hirers


def _organisation(rng: Random, hirer_type: HirerType) -> str:
    if hirer_type is HirerType.CHARITY:
        return f"{rng.choice(PLACES)} {rng.choice(CHARITY_KINDS)}"
    if hirer_type is HirerType.RESIDENT_ASSOCIATION:
        kind = rng.choice(("Tenants' and Residents' Association", "Residents' Association", "TRA"))
        return f"{rng.choice(ESTATES)} {kind}"
    if hirer_type is HirerType.BUSINESS:
        return (
            f"{rng.choice(BUSINESS_PREFIXES)} {rng.choice(BUSINESS_KINDS)} "
            f"{rng.choice(BUSINESS_SUFFIXES)}"
        )
    if hirer_type is HirerType.COUNCIL:
        return rng.choice(COUNCIL_SERVICES)[0]
    return ""


def _hirer(
    rng: Random, hirer_id: int, hirer_type: HirerType, name: str, organisation: str
) -> DemoHirer:
    local = hirer_type is not HirerType.PRIVATE or rng.random() < 0.5
    district = rng.choice(sorted(STREETS if local else OTHER_STREETS))
    street = rng.choice((STREETS if local else OTHER_STREETS)[district])
    inward = f"{rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
    if rng.random() < 0.35:
        address = f"Flat {rng.randint(1, 80)}, {rng.choice(BLOCKS)}\n{street}\nLondon"
    else:
        address = f"{rng.randint(1, 240)} {street}\nLondon"
    phone, phone_alt = _phones(rng, hirer_type)
    cost_centre = ""
    if hirer_type is HirerType.COUNCIL:
        cost_centre = dict(COUNCIL_SERVICES).get(organisation, "CC-4410")
    return DemoHirer(
        id=hirer_id,
        hirer_type=hirer_type,
        name=name,
        organisation=organisation,
        phone=phone,
        phone_alt=phone_alt,
        email=_email(rng, name, organisation),
        address=address,
        postcode=f"{district} {inward}",
        notes=rng.choice(HIRER_NOTES) if rng.random() < 0.12 else "",
        cost_centre=cost_centre,
    )


def _phones(rng: Random, hirer_type: HirerType) -> tuple[str, str]:
    mobile = f"07700 900{rng.randint(0, 999):03d}"
    landline = f"020 7946 0{rng.randint(0, 999):03d}"
    if hirer_type in (HirerType.RESIDENT, HirerType.PRIVATE):
        if rng.random() < 0.08:
            return f"+44 7700 900{rng.randint(0, 999):03d}", ""
        return (mobile, landline) if rng.random() < 0.2 else (mobile, "")
    return (landline, mobile) if rng.random() < 0.6 else (mobile, "")


def _email(rng: Random, name: str, organisation: str) -> str:
    """About 30% of hirers have no email."""
    if rng.random() < 0.30:
        return ""
    domain = rng.choice(("example.org", "example.com", "example.net"))
    if organisation and rng.random() < 0.6:
        slug = re.sub(r"[^a-z0-9]+", "", fold(organisation))[:30]
        return f"bookings@{slug}.{domain}"
    parts = [re.sub(r"[^a-z0-9]+", "", p) for p in fold(name).split()]
    return f"{'.'.join(p for p in parts if p)}@{domain}"
