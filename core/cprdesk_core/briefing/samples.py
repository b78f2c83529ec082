"""Small sample briefing notes in the six languages, for previews, tests and benchmarks."""

from __future__ import annotations

from datetime import date, datetime

from .model import Block, BriefingItem, BriefingNote, Footnote, ItemVersion, NoteAnnotation, ReformFields

# Paragraph 1 of the action plan (UNEP/EA.5/3, Chinese original) and working translations.
INTRO = {
    "zh": "在题为“联合国环境大会第五届会议的临时议程、日期和地点”的第 4/2 号决定第 14段中，联合国环境规划署"
    "（环境署）联合国环境大会请环境署执行主任提交一份关于执行联合国可持续发展大会成果文件 《我们希望的未来》"
    "第 88 段(a)至(h)分段的行动计划，供环境大会第五届会议审议，并邀请联合国内罗毕办事处总干事协助制定关于环境署"
    "内罗毕总部职能的(g)分段的执行计划。",
    "en": "In paragraph 14 of decision 4/2, the United Nations Environment Assembly requested the Executive "
    "Director to submit an action plan for the implementation of paragraph 88 (a)–(h) of “The future we want”, "
    "as set out in document UNEP/EA.5/3 and recalled in resolution 4/22.",
    "fr": "Au paragraphe 14 de sa décision 4/2, l’Assemblée des Nations Unies pour l’environnement a prié la "
    "Directrice exécutive de présenter un plan d’action pour la mise en œuvre des alinéas a) à h) du paragraphe 88 "
    "du document «\u00a0L’avenir que nous voulons\u00a0», comme indiqué dans le document UNEP/EA.5/3 et rappelé dans "
    "la résolution 4/22.",
    "ru": "В пункте 14 решения 4/2 Ассамблея Организации Объединенных Наций по окружающей среде просила "
    "Директора-исполнителя представить план действий по осуществлению подпунктов (a)–(h) пункта 88 документа "
    "«Будущее, которого мы хотим», как указано в документе UNEP/EA.5/3 и упомянуто в резолюции 4/22.",
    "es": "En el párrafo 14 de su decisión 4/2, la Asamblea de las Naciones Unidas sobre el Medio Ambiente "
    "solicitó a la Directora Ejecutiva que presentara un plan de acción para la aplicación de los apartados a) a h) "
    "del párrafo 88 de «El futuro que queremos», según se indica en el documento UNEP/EA.5/3 y se recuerda en la "
    "resolución 4/22.",
    "ar": "في الفقرة 14 من المقرر 4/2، طلبت جمعية الأمم المتحدة للبيئة إلى المديرة التنفيذية أن تقدم خطة عمل "
    "لتنفيذ الفقرات الفرعية (أ) إلى (ح) من الفقرة 88 من وثيقة \"المستقبل الذي نصبو إليه\"، على النحو المبين في "
    "الوثيقة UNEP/EA.5/3 والمشار إليه في القرار 4/22.",
}

# Action III.B.1 with its footnote reference.
ALIGN = {
    "zh": "使环境署的政策、进程和程序与联合国发展系统改革的准则、工具和机制保持一致。[^1]",
    "en": "Align the policies, processes and procedures of UNEP with the guidelines, tools and mechanisms of the "
    "reform of the United Nations development system.[^1]",
    "fr": "Aligner les politiques, processus et procédures du PNUE sur les directives, outils et mécanismes de la "
    "réforme du système des Nations Unies pour le développement[^1].",
    "ru": "Привести политику, процессы и процедуры ЮНЕП в соответствие с руководящими принципами, инструментами "
    "и механизмами реформы системы развития Организации Объединенных Наций[^1].",
    "es": "Armonizar las políticas, los procesos y los procedimientos del PNUMA con las directrices, los "
    "instrumentos y los mecanismos de la reforma del sistema de las Naciones Unidas para el desarrollo[^1].",
    "ar": "مواءمة سياسات برنامج الأمم المتحدة للبيئة وعملياته وإجراءاته مع المبادئ التوجيهية لإصلاح منظومة "
    "الأمم المتحدة الإنمائية وأدواته وآلياته[^1].",
}

FOOTNOTE = {
    "zh": "联大第 72/279 号决议，题为“在联合国系统发展方面业务活动四年度全面政策审查背景下重新定位联合国发展系统”，"
    "以及环境大会 UNEP/EA.4/1号决定，题为“2020-2021 两年期工作方案和预算”。",
    "en": "General Assembly resolution 72/279 and Environment Assembly decision UNEP/EA.4/1.",
    "fr": "Résolution 72/279 de l’Assemblée générale et décision UNEP/EA.4/1 de l’Assemblée pour l’environnement.",
    "ru": "Резолюция 72/279 Генеральной Ассамблеи и решение UNEP/EA.4/1 Ассамблеи по окружающей среде.",
    "es": "Resolución 72/279 de la Asamblea General y decisión UNEP/EA.4/1 de la Asamblea sobre el Medio Ambiente.",
    "ar": "قرار الجمعية العامة 72/279 ومقرر جمعية الأمم المتحدة للبيئة UNEP/EA.4/1.",
}

SHORT = {
    "intro": {"zh": "导言第 1 段", "en": "Introduction, para. 1", "fr": "Introduction, par. 1",
              "ru": "Введение, п. 1", "es": "Introducción, párr. 1", "ar": "المقدمة، الفقرة 1"},
    "align": {"zh": "与发展系统改革保持一致", "en": "Alignment with development system reform",
              "fr": "Alignement sur la réforme", "ru": "Согласование с реформой", "es": "Armonización con la reforma",
              "ar": "المواءمة مع الإصلاح"},
    "reform": {"zh": "加强科学与政策衔接", "en": "Science-policy interface", "fr": "Interface science-politique",
               "ru": "Взаимосвязь науки и политики", "es": "Interfaz científico-normativa",
               "ar": "الربط بين العلم والسياسات"},
}

REFORM = {
    "zh": ("加强环境署的科学与政策衔接，包括全球环境展望进程（见 UNEP/EA.5/3）。",
           ("为第 4/22 号决议的执行提供体制支持（已完成）", "与会员国协商，编写进度报告"),
           "在现有资源范围内"),
    "en": ("Strengthen the science-policy interface of UNEP, including the Global Environment Outlook process "
           "(see UNEP/EA.5/3).",
           ("Institutional support for the implementation of resolution 4/22 (completed)",
            "Progress report prepared in consultation with member States"),
           "Within existing resources"),
    "fr": ("Renforcer l’interface science-politique du PNUE, y compris le processus de l’Avenir de "
           "l’environnement mondial (voir UNEP/EA.5/3).",
           ("Appui institutionnel à la mise en œuvre de la résolution 4/22 (achevé)",
            "Rapport d’étape établi en consultation avec les États membres"),
           "Dans la limite des ressources existantes"),
    "ru": ("Укрепить взаимосвязь между наукой и политикой в ЮНЕП, включая процесс подготовки «Глобальной "
           "экологической перспективы» (см. UNEP/EA.5/3).",
           ("Институциональная поддержка осуществления резолюции 4/22 (завершено)",
            "Доклад о ходе работы, подготовленный в консультации с государствами-членами"),
           "В пределах имеющихся ресурсов"),
    "es": ("Fortalecer la interfaz científico-normativa del PNUMA, incluido el proceso de Perspectivas del Medio "
           "Ambiente Mundial (véase UNEP/EA.5/3).",
           ("Apoyo institucional a la aplicación de la resolución 4/22 (finalizado)",
            "Informe sobre la marcha de los trabajos preparado en consulta con los Estados miembros"),
           "Con cargo a los recursos existentes"),
    "ar": ("تعزيز الربط بين العلم والسياسات في برنامج الأمم المتحدة للبيئة، بما في ذلك عملية توقعات البيئة "
           "العالمية (انظر UNEP/EA.5/3).",
           ("الدعم المؤسسي لتنفيذ القرار 4/22 (اكتمل)", "تقرير مرحلي أُعد بالتشاور مع الدول الأعضاء"),
           "في حدود الموارد القائمة"),
}

ZH_ONLY = ("参与全球一级的联合国发展系统改革，以支持制定共同国家分析、联合国可持续发展合作框架和区域协作平台的指导意见，"
           "从而加强可持续发展的环境层面和环境署的作用。")

TITLES = {
    "zh": "常驻代表委员会小组委员会简报", "en": "Briefing for the CPR subcommittee",
    "fr": "Note d’information pour le sous-comité du CPR", "ru": "Справка для подкомитета КПП",
    "es": "Nota informativa para el subcomité del CRP", "ar": "مذكرة إحاطة للجنة الفرعية للجنة الممثلين الدائمين",
}
MEETINGS = {
    "zh": "常驻代表委员会第 150 次会议", "en": "150th meeting of the Committee of Permanent Representatives",
    "fr": "150e réunion du Comité des représentants permanents",
    "ru": "150-е совещание Комитета постоянных представителей",
    "es": "150ª reunión del Comité de Representantes Permanentes",
    "ar": "الاجتماع الـ 150 للجنة الممثلين الدائمين",
}
NOTES = {
    "zh": "本简报汇总了小组委员会将审议的项目及代表团的立场。",
    "en": "This note summarises the items before the subcommittee and the delegation's position on each.",
    "fr": "La présente note résume les points soumis au sous-comité et la position de la délégation.",
    "ru": "В настоящей справке кратко изложены пункты, стоящие перед подкомитетом, и позиция делегации.",
    "es": "Esta nota resume los temas que examinará el subcomité y la posición de la delegación.",
    "ar": "تلخص هذه المذكرة البنود المعروضة على اللجنة الفرعية وموقف الوفد من كل منها.",
}
ANNOTATIONS = {
    "zh": "支持，但需澄清第 4/22 号决议的供资问题。",
    "en": "Support, but ask for clarity on funding under resolution 4/22.",
    "fr": "Appuyer, mais demander des précisions sur le financement au titre de la résolution 4/22.",
    "ru": "Поддержать, но запросить разъяснения о финансировании по резолюции 4/22.",
    "es": "Apoyar, pero pedir aclaraciones sobre la financiación en virtud de la resolución 4/22.",
    "ar": "التأييد، مع طلب توضيح بشأن التمويل في إطار القرار 4/22.",
}


def _provenance(lang: str) -> str:
    return "official" if lang == "zh" else "working"


def sample_items(lang: str, count: int = 4, repeat: int = 1, second_lang: str | None = None) -> tuple[BriefingItem, ...]:
    """`count` items cycling through four kinds (paragraph, action, reform, Chinese-only action).

    `repeat` makes each text that many sentences long, for benchmarks.
    """
    items = []
    for n in range(count):
        kind = n % 4
        if kind == 0:
            item = BriefingItem(f"ap88/intro/1#{n}", "1", "paragraph", SHORT["intro"][lang],
                                " ".join([INTRO[lang]] * repeat), lang, _provenance(lang))
        elif kind == 1:
            item = BriefingItem(f"ap88/III/B/1#{n}", "88(d) III.B.1", "action", SHORT["align"][lang],
                                " ".join([ALIGN[lang]] * repeat), lang, _provenance(lang),
                                footnotes=(Footnote("1", FOOTNOTE[lang]),),
                                annotation=NoteAnnotation("support_with_amendments", "high", ANNOTATIONS[lang],
                                                          highlights=(ALIGN[lang].split("[^")[0][:40],),
                                                          tags=("funding", "4/22")))
        elif kind == 2:
            text, ongoing, budget = REFORM[lang]
            fields = ReformFields(
                ongoing_actions=(Block(ongoing[0]), Block(ongoing[1], sub=(INTRO[lang][:60],))),
                subprogramme_ref="SP 4: EG, EA: A",
                further_actions=(Block(" ".join([text] * repeat), bullet=False),),
                budget=budget,
                status=None if n % 8 == 2 else (Block(ongoing[0]),),
            )
            item = BriefingItem(f"ieg-reforms/6#{n}", "reform 6" if lang != "zh" else "改革 6", "reform",
                                SHORT["reform"][lang], text, lang, _provenance(lang), fields=fields,
                                annotation=NoteAnnotation("concern", "normal", ANNOTATIONS[lang]))
        else:
            item = BriefingItem(f"ap88/III/B/2#{n}", "88(d) III.B.2", "action", "", " ".join([ZH_ONLY] * repeat),
                                "zh", "official")
        if second_lang:
            other = {0: INTRO, 1: ALIGN}.get(kind, {second_lang: ZH_ONLY} if kind == 3 else INTRO)
            item = BriefingItem(item.item_id, item.ref, item.kind, item.short_title, item.text, item.text_lang,
                                item.provenance, item.fields, item.footnotes,
                                ItemVersion(second_lang, other.get(second_lang, ZH_ONLY), _provenance(second_lang)),
                                item.annotation)
        items.append(item)
    return tuple(items)


def sample_note(lang: str, count: int = 4, repeat: int = 1, second_lang: str | None = None) -> BriefingNote:
    """A briefing note in `lang` with `count` sample items."""
    return BriefingNote(
        lang=lang,
        title=TITLES[lang],
        meeting=MEETINGS[lang],
        meeting_date=date(2021, 2, 22),
        prepared_by="Delegation of Kenya",
        cover_note=NOTES[lang],
        generated_at=datetime(2024, 3, 5, 14, 30),
        items=sample_items(lang, count, repeat, second_lang),
        second_lang=second_lang,
    )
