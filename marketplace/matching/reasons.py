"""Reasons behind a match score: a message code with parameters, rendered in the
reader's language at display time (the same reason reads "covers 搬运 and 分拣" in
English and "覆盖搬运、分拣" in Chinese).

The English messages are the msgids of the Chinese catalog
(translations/parts/search.po); `_` below only marks them for extraction. Rendering
goes through `i18n.translate` and Babel's number and list formats, so it works
without a request (the CLI, the API with `?lang=`) and stays a pure function of
its arguments."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from .. import taxonomy
from ..i18n import format_list, format_number, translate
from ..search import lexicon


def _(message: str) -> str:  # marks a msgid for extraction; translated in `text()`
    return message


# code -> English message. Placeholders take rendered values (labels, numbers).
MESSAGES = {
    "tasks_covered": _("covers %(tasks)s"),
    "tasks_missing": _("does not cover %(tasks)s"),
    "craft_other": _("does %(tasks)s, but another kind than the need names"),
    "task_kindred": _("does not list %(tasks)s, but work of its kind"),
    "parts_covered": _("supplies %(parts)s"),
    "parts_missing": _("does not supply %(parts)s"),
    "parts_instead": _("supplies %(parts)s, which the need takes instead of %(asked)s"),
    "text_close": _("described much like the need"),
    "domain_fit": _("works in %(domain)s"),
    "domain_missing": _("not listed for %(domain)s"),
    "env_rated": _("rated for %(env)s"),
    "env_rated_by": _("rated for %(env)s (%(evidence)s)"),
    "env_not_rated": _("not rated for %(env)s sites"),
    "lease_first_missing": _("only sold, while the need would lease before it buys"),
    "env_rating_unsure": _(
        "not stated as rated for %(env)s sites, but its text states %(evidence)s: to be confirmed"
    ),
    "env_to_confirm": _(
        "the description mentions %(env)s conditions without requiring them: rating to be confirmed"
    ),
    "payload_ok": _("payload %(offered)s kg ≥ %(needed)s kg needed"),
    "payload_short": _("payload %(offered)s kg < %(needed)s kg needed"),
    "payload_oversized": _("built for loads of %(offered)s kg, far beyond the %(needed)s kg needed"),
    "payload_unknown": _("payload not stated (%(needed)s kg needed)"),
    "torque_ok": _("torque %(offered)s N·m ≥ %(needed)s N·m needed"),
    "torque_short": _("torque %(offered)s N·m < %(needed)s N·m needed"),
    "dof_ok": _("%(offered)s degrees of freedom ≥ %(needed)s needed"),
    "dof_short": _("%(offered)s degrees of freedom < %(needed)s needed"),
    "touch_ok": _("has the sense of touch the need asks for"),
    "touch_missing": _("no sense of touch, which the need asks for"),
    "ip_short": _("protection %(offered)s, below the %(needed)s needed"),
    "bus_ok": _("speaks %(offered)s, as the need asks (%(needed)s)"),
    "bus_other": _("speaks %(offered)s, not the %(needed)s the need asks for"),
    "weight_ok": _("weighs %(offered)s kg, within the %(needed)s kg allowed"),
    "weight_over": _("weighs %(offered)s kg, over the %(needed)s kg allowed"),
    "diameter_ok": _("outer diameter %(offered)s mm, within the %(needed)s mm allowed"),
    "diameter_over": _("outer diameter %(offered)s mm, over the %(needed)s mm allowed"),
    "open_low_ok": _("opens its low-level joint control, as the need asks"),
    "open_low_missing": _("does not open its low-level joint control, which the need asks for"),
    "open_kit_ok": _("open to the buyer's own programs (SDK), as the need asks"),
    "open_kit_missing": _("closed to the buyer's own programs, which the need asks for"),
    "noise_ok": _("runs at %(offered)s dB, within the %(needed)s dB allowed"),
    "noise_over": _("runs at %(offered)s dB, louder than the %(needed)s dB allowed"),
    "clean_class_ok": _("cleanroom class ISO %(offered)s, clean enough for the ISO %(needed)s needed"),
    "clean_class_short": _("cleanroom class ISO %(offered)s, less clean than the ISO %(needed)s needed"),
    "gas_group_ok": _("explosion-proof to gas group %(offered)s, as the site's %(needed)s calls for"),
    "gas_group_short": _("explosion-proof to gas group %(offered)s only, the site calls for %(needed)s"),
    "gas_group_doubt": _(
        "explosion-proof to gas group %(offered)s: to be confirmed, the site's gases call for %(needed)s"
    ),
    "price_within": _("%(mode)s at %(price)s %(unit)s within the %(budget)s budget"),
    "price_over": _("%(mode)s at %(price)s %(unit)s, over the %(budget)s budget"),
    "price_no_budget": _("%(mode)s at %(price)s %(unit)s"),
    "price_far_beyond": _(
        "%(mode)s at %(price)s %(unit)s: far beyond the %(budget)s budget stated for %(way)s"
    ),
    "price_beyond_other": _(
        "%(mode)s at %(price)s %(unit)s: more than the %(budget)s budget stated for %(way)s allows"
    ),
    "volume_price": _("a volume price for %(units)s units or more: %(price)s CNY (listed at %(listed)s)"),
    "modes_none": _("offers none of the acceptable ways to acquire (%(modes)s)"),
    "modes_none_text": _("offers none of the ways to acquire the description asks for (%(modes)s)"),
    "modes_from_text": _("ways to acquire read from the description: %(modes)s"),
    "budget_from_text": _("budget read from the description"),
    "budget_shared": _("the description's total budget, shared over the %(units)s units wanted"),
    "city_served": _("serves %(city)s"),
    "city_all": _("serves all of Zhejiang"),
    "city_not_served": _("does not serve %(city)s"),
    "units_enough": _("%(units)s units available for %(quantity)s wanted"),
    "units_short": _("only %(units)s units available for %(quantity)s wanted"),
    "verified": _("verified organization"),
    "not_verified": _("not verified"),
    "certified": _("certified: %(certs)s"),
    "not_a_component": _("a complete robot or service, not a component"),
    "not_a_robot": _("a component or software, not a robot or service for the site"),
    "platform_serves": _("software or a platform: serves the need through %(tasks)s"),
    "platform_unproven": _("software or a platform: to be confirmed that it serves this need"),
    "event_made_for": _("made for drills, trainings and exhibitions"),
    "event_not_made_for": _("does not say it serves drills, trainings or exhibitions"),
    "upkeep_made_for": _("keeps robots running (maintenance, remote operation)"),
    "upkeep_not_made_for": _("does not say it maintains or operates robots"),
    "sold_only": _("sold only, and the need would not buy"),
    "lifts_missing": _("says it cannot ride lifts, which the need asks for"),
    "lifts_ridden": _("rides lifts, as the need asks"),
    "lifts_unstated": _("does not say it rides lifts, which the need asks for"),
    "outdoor_made": _("built for outdoor use: the need names no outdoor site"),
    "study_edition": _("an edition for teaching and research: the need is for work"),
    "quadruped_as_asked": _("a four-legged robot, as the need asks"),
    "quadruped_not": _("not a four-legged robot, which the need asks for"),
    "generalist": _("a generalist: lists %(count)s tasks, %(asked)s of them asked for"),
    "text_other_language": _("written in another language: the descriptions are not compared word for word"),
    "form_other": _("the need asks for a humanoid: this robot has another form"),
    "form_unsaid": _("the need asks for a humanoid: this service does not say it brings one"),
    "form_required": _("the need requires a humanoid: this is not one"),
    "form_refused": _("the need says it does not want a humanoid: this is one"),
    "limb_other_upper": _("made for the lower limbs: the need is for the upper limbs"),
    "limb_other_lower": _("made for the upper limbs: the need is for the lower limbs"),
    "camera_refused": _("watches through a camera, which the need does not want"),
    "for_children": _("made for children, while the need is about older people"),
    "mind_unasked": _("a model or a kit for robots, while the need asks for work done, not software"),
    "for_business": _("made for businesses or plants, while the need is for people's own homes"),
    "for_homes": _("made for people's own homes, while the need is an institution's"),
    "for_institutions": _("made for institutions, while the need is for people's own homes"),
    "cloud_refused": _("works only through the cloud, which the need does not accept"),
    "quadruped_refused": _("a four-legged robot, which the need does not want"),
    "rail_as_asked": _("runs on a rail, as the need asks"),
    "rail_other": _("the need asks for a rail-mounted robot: this one does not say it runs on a rail"),
    "part_kind_other": _("the need asks for %(asked)s: this is %(offered)s"),
    "parts_aside": _("sells %(sold)s: %(parts)s only in its description"),
    "languages_spoken": _("speaks %(langs)s, as the need asks"),
    "languages_missing": _("does not say it speaks %(langs)s, which the need asks for"),
    "languages_unstated": _("does not say which languages it speaks (the need asks for %(langs)s)"),
    "software_asked": _("the software or platform the need asks for"),
    "software_other": _("the need asks for software or a platform: this is not one"),
    "software_runs_no_robots": _("the need asks for a platform over its robots: this software runs none"),
    "solution_other": _("the need asks for a whole solution: this is a single offering"),
    "rescue_on_water": _("made for rescue on water, and the need's is on land"),
    "rescue_on_land": _("made for rescue on land, and the need's is on water"),
    "certificate_missing_medical_device": _(
        "does not state the medical device registration the need requires"
    ),
    "certificate_missing_fire_product": _("does not state the fire product certification the need requires"),
    "rated_unneeded": _("built for %(envs)s sites, which this site does not need"),
    "robots_not_had": _("software for running robots one has, while the need asks for the robots"),
    "inspects_other": _("made to inspect %(things)s, which the need does not name"),
    "offering_withdrawn": _("offering withdrawn"),
    "demand_closed": _("need closed"),
}

# Tones: "good" (a point in favour), "weak" (counts against, not a hard
# condition), "bad" (breaks a hard condition), "info".
GOOD, WEAK, BAD, INFO = "good", "weak", "bad", "info"


def _label(kind: str, code: str, lang: str) -> str:
    if kind == "part":
        return lexicon.part_label(code, lang)
    if kind == "language":
        return lexicon.language_label(code, lang)
    if kind == "inspected":
        return lexicon.inspected_label(code, lang)
    vocabulary = {
        "task": "tasks",
        "env": "environments",
        "city": "cities",
        "domain": "domains",
        "mode": "modes",
    }[kind]
    text = taxonomy.label(vocabulary, code, lang)
    if lang == "en" and kind in ("task", "mode", "env", "domain"):
        text = text[:1].lower() + text[1:]
    return text


@dataclass(frozen=True)
class Reason:
    """One reason: `code` (a key of MESSAGES), `tone`, and parameters.

    Parameters are plain values: taxonomy codes as (kind, code) or a tuple of
    them, numbers, strings (certifications). `text(lang)` renders them."""

    code: str
    tone: str
    params: tuple[tuple[str, object], ...] = ()

    @property
    def hard(self) -> bool:
        """Does this reason rule the pair out (a broken hard condition)?"""
        return self.tone == BAD

    def code_of(self, name: str) -> str:
        """The taxonomy code of the parameter `name`, given as (kind, code): a
        price's mode, an environment's."""
        return cast(tuple, dict(self.params)[name])[1]

    def _render(self, value, lang: str) -> str:
        if isinstance(value, tuple) and value and isinstance(value[0], tuple):
            return format_list([_label(k, c, lang) for k, c in value], lang)
        if (
            isinstance(value, tuple)
            and len(value) == 2
            and isinstance(value[0], str)
            and value[0] in ("task", "part", "env", "city", "domain", "mode", "language")
        ):
            return _label(value[0], value[1], lang)
        if isinstance(value, tuple):  # plain strings (certifications)
            return format_list([str(v) for v in value], lang)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format_number(value, lang)
        return str(value)

    def text(self, lang: str = "zh") -> str:
        """The reason in `lang` ("zh" or "en")."""
        values = {name: self._render(value, lang) for name, value in self.params}
        if self.code.startswith("price_"):
            values["unit"] = taxonomy.price_unit(self.code_of("mode"), lang)
        return translate(MESSAGES[self.code], lang, **values)

    def as_dict(self, lang: str = "zh") -> dict:
        return {"code": self.code, "tone": self.tone, "text": self.text(lang)}


def reason(code: str, tone: str, **params) -> Reason:
    if code not in MESSAGES:
        raise KeyError(code)
    return Reason(code, tone, tuple(sorted(params.items())))


CLOSEST_HEADING = _("Nothing meets every condition yet: the closest, each with what keeps it from fitting")


def closest_heading(lang: str = "zh") -> str:
    """The heading over a list of closest pairs (none fits), in `lang`."""
    return translate(CLOSEST_HEADING, lang)
