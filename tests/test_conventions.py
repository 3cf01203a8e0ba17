"""What the writing marks and what other conventions write: table-driven examples.

The names here are the project's own examples (public figures and invented Central Asian
names), not the synthetic benchmark's people; each row is one class of the mechanism.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from namematch import compare, parse
from namematch.block import name_candidates
from namematch.calibrate import feminine, source_names
from namematch.cluster import attach_short
from namematch.keys import initial_mask, reading_codes, sound_codes
from namematch.parse import after_prefix, lexicon
from namematch.strategies import romanized
from namematch.text import to_text
from namematch.translit import SYSTEMS, fold, fold_continental, fold_word, romanize


@pytest.mark.parametrize(
    ("raw", "position"),
    [
        # the word before a comma is the surname, whatever its ending
        ("Rahmon, Emomali", 0),
        ("Zaruba, Roman", 0),
        ("Haida, Marusia", 0),
        ("Sych, Liza", 0),
        # a word in capitals beside words that are not
        ("ZARUBA Roman", 0),
        ("Roman ZARUBA", 1),
        ("ПАХОМОВ Онуфрий", 0),
        ("KHUDOIBERDI Parviz", 0),
        # Surname Given Patronymic, the patronymic as other languages write it
        ("Zaruba Roman Andriiovych", 0),
        ("Zaroeba Roman Andrijovytsj", 0),  # Dutch
        ("Sych Liza Vasylivna", 0),  # Ukrainian -ivna
        ("Chruschtschow Nikita Sergejewitsch", 0),  # German
        ("Chroesjtsjov Nikita Sergejevitsj", 0),  # Dutch
        ("Khrouchtchev Nikita Sergueievitch", 0),  # French
        ("Chrusjtjov Nikita Sergejevitj", 0),  # Swedish
        ("Hruscsov Nyikita Szergejevics", 0),  # Hungarian
        ("Chruščiovas Nikita Sergejevičius", 0),  # Lithuanian
        ("Hruščovs Ņikita Sergejevičs", 0),  # Latvian
        ("Lukashenka Alyaksandr Ryhoravich", 0),  # Belarusian
        # Ukrainian in Czech or Slovak without the háček: -ovyc, -evyc
        ("Hrecko Alevtyn Orchypovyc", 0),
        ("Kovalenko Petro Serhijevyc", 0),
        ("Sevcenko Taras Hryhorovyc", 0),
    ],
)
def test_surname_from_what_the_writing_marks(raw: str, position: int) -> None:
    parts = parse(raw, "person").parts
    assert [p.role for p in parts].index("surname") == position


@pytest.mark.parametrize(
    ("raw", "titles", "given"),
    [
        ("г-н Онуфрий Пахомов", 2, "onufri"),
        ("г-жа Зарина Амирова", 2, "zarina"),
        ("мэр Тимур Громов", 1, "timur"),
        ("пан Аркадій Яремчук", 1, "arkadi"),
        ("премьер-министр Кохир Расулзода", 2, "kohir"),
        ("генерал-майор Рустам Назаров", 2, "rustam"),
        ("кмет Йордан Фандъкова", 1, "yordan"),
        ("janob Alisher Usmonov", 1, "alisher"),
    ],
)
def test_titles_in_their_own_script(raw: str, titles: int, given: str) -> None:
    name = parse(raw, "person")
    assert len(name.titles) == titles
    assert name.given == given


@pytest.mark.parametrize(
    ("raw", "bare", "titles"),
    [
        ("Präsident Wladimir Putin", "Vladimir Putin", 1),
        ("Bundeskanzlerin Angela Merkel", "Angela Merkel", 1),
        ("Herr Olaf Scholz", "Olaf Scholz", 1),
        ("Frau Ozoda Rahmonova", "Ozoda Rahmonova", 1),
        ("Außenminister Sergej Lawrow", "Sergey Lavrov", 1),
        ("Presidente Vladimir Putin", "Vladimir Putin", 1),
        ("Señor Emomali Rahmon", "Emomali Rahmon", 1),
        ("Monsieur Vladimir Poutine", "Vladimir Putin", 1),
        ("Premier ministre Kokhir Rasulzoda", "Qohir Rasulzoda", 2),
        ("Președintele Vladimir Putin", "Vladimir Putin", 1),
        ("Domnul Igor Dodon", "Igor Dodon", 1),
        ("Prezydent Wołodymyr Zełenski", "Volodymyr Zelensky", 1),
        ("Generał Walerij Załużny", "Valerii Zaluzhnyi", 1),
        ("Cumhurbaşkanı Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", 1),
        ("Predsjednik Zoran Milanović", "Zoran Milanovic", 1),
        ("de heer Mark Rutte", "Mark Rutte", 2),
        ("Sheik Mohammed bin Rashid", "Mohammed bin Rashid", 1),
    ],
)
def test_titles_in_other_languages_are_no_name(raw: str, bare: str, titles: int) -> None:
    # data/titles.tsv names each row's language; a title left in the name read as a
    # given name sank these (Präsident Wladimir Putin ~ Vladimir Putin scored 0.01)
    assert len(parse(raw, "person").titles) == titles
    assert compare(raw, bare, kind="person").score >= 0.9


@pytest.mark.parametrize(
    ("raw", "initials"),
    [
        ("S.Ja. Kulagin", 2),
        ("Ch. Dokova", 1),
        ("Yu. Petrov", 1),
        ("Zh. Dzhuraev", 1),
        ("Sh.M. Mirziyoyev", 2),
        ("Ю. Андропов", 1),
        ("Dzh. Rahmonov", 1),
    ],
)
def test_short_words_with_a_period_are_initials(raw: str, initials: int) -> None:
    assert len(parse(raw, "person").role_parts("initial")) == initials


def test_text_cues() -> None:
    assert to_text("Rahmon, Emomali").cues == (",", "")
    assert to_text("RAHMON Emomali").cues == ("U", "")
    assert to_text("RAHMON EMOMALI").cues == ("", "")  # all capitals: no mark
    assert to_text("S.Ja. Kulagin").cues == (".", ".", "")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ch", "kh"), ("ch", "h"), ("kh", "x"), ("ja", "ya"), ("ja", "ia"), ("ja", "я"),
        ("e", "ye"), ("e", "je"), ("yu", "ju"), ("yu", "iu"), ("zh", "ž"), ("sh", "š"),
        ("j", "yevgeny"), ("i", "iaroslav"), ("dzh", "j"),
    ],
)
def test_initials_meet_across_conventions(a: str, b: str) -> None:
    assert initial_mask(a) & initial_mask(b)


@pytest.mark.parametrize(("a", "b"), [("a", "e"), ("m", "n"), ("s", "t"), ("b", "v")])
def test_initials_of_other_sounds_differ(a: str, b: str) -> None:
    assert not initial_mask(a) & initial_mask(b)


@pytest.mark.parametrize(
    "spellings",
    [
        ("Khrushchev", "Chruschtschow", "Chruszczow", "Chroesjtsjov", "Hruscsov",
         "Khrouchtchev", "Chrusjtjov", "Hruščov", "Chruščiovas", "Hruščovs"),
        ("Cherepovets", "Tscherepowez", "Czerepowiec", "Cserepovec", "Tsjerepovets",
         "Txerepovets", "Čerepovec", "Čerepovecas"),
        ("Zhukov", "Schukow", "Żukow", "Zjoekov", "Zsukov", "Joukov", "Žukovas"),
    ],
)
def test_reading_codes_meet_across_conventions(spellings: tuple[str, ...]) -> None:
    def codes(w: str) -> set[str]:
        return set(reading_codes(to_text(w).words[0]))

    first = codes(spellings[0])
    for other in spellings[1:]:
        assert first & codes(other), other


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nikita Khrushchev", "Nikita Chruschtschow"),
        ("Nikita Sergeyevich Khrushchev", "Hruscsov Nyikita Szergejevics"),
        ("Nikita Khrushchev", "Nikita Khrouchtchev"),
        ("Georgy Zhukov", "Georgi Schukow"),
        ("Georgy Zhukov", "Gieorgij Żukow"),
        ("Mykola Azarov", "Azarov Mykola Yanovych"),
        ("Shavkat Mirziyoyev", "Schawkat Mirsijojew"),
        ("Yuliya Tymoshenko", "Julija Tymoszenko"),
        ("Yuliya Tymoshenko", "Ioulia Timochenko"),
        ("Mukhammadumar Azizov", "Muchammadumar Asisow"),
        ("Muhammadyusuf Saidov", "Moukhammadioussouf Saidov"),
        ("Muhammadjon Saidov", "Мухаммаджон Саидов"),
        ("Muxammadali Karimov", "Mukhammadali Karimov"),
        ("Bonu Muhammadaminova", "Bonu Muchammadaminowa"),
        ("Rustam Abdullaev", "Rustam Abdulloyev"),
        ("Anvar Mukhammadzhonov", "Anvar Muhammadjonov"),
        # a typo inside the shared prefix leaves it recognised on both sides
        ("Mkuhammadamin Farkhodov", "Mukhammadamin Farkhodov"),
        ("Muhammdadamir Zubayrov", "Muhammadamir Zubayrov"),
        ("Muhmadamin Karimov", "Muhammadamin Karimov"),
        ("Rustam Mukhamadaminov", "Rustam Muhammadaminov"),
    ],
)
def test_conventions_score_as_one_person(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nikita Khrushchev", "Nina Khrushcheva"),
        ("Georgy Zhukov", "Mikhail Zhukov"),
        ("Shavkat Mirziyoyev", "Saida Mirziyoyeva"),
        ("Abdullo Nazarov", "Abduhalim Nazarzoda"),
        ("Abdullo Nazarov", "Abduhalim Nazarov"),  # sounds compare after the shared Abdu-
        ("Abdurahmon Karimov", "Abdujabbor Karimov"),
        # sounds compare after the shared Muhammad- (data/given_prefixes.tsv), however spelt
        ("Mukhammadamin Khalidov", "Mukhammadumar Khalidov"),
        ("Muhammadyusuf Azizov", "Muhammadali Azizov"),
        ("Muchammadjusuf Amirow", "Muchammadsodik Amirow"),
        ("Muxammadjon Saidov", "Muxammadrasul Saidov"),
        ("Muhammedali Yilmaz", "Muhammedemin Yilmaz"),
        # and so do surnames formed from such names
        ("Muhammadali Muhammadaminov", "Muhammadali Muhammadazizov"),
        ("Bonu Muhammadaminova", "Bonu Mukhammadazizova"),
        ("Muhammadali Muhammadaminov", "Muhammadov Muhammadali"),
        ("Abdullo Abdurahmonov", "Abdullo Abdulloev"),
        ("Rustam Muhammadiev", "Rustam Muhammadyusupov"),
    ],
)
def test_different_people_still_differ(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.5


@pytest.mark.parametrize(
    ("a", "b", "feature"),
    [
        # other given names whose letters half agree and whose sounds differ: at a million
        # mentions one surname carries dozens of such names, and a typo'd spelling between
        # two of them chained different people together
        ("Zarina Rahimova", "Zamira Rahimova", "given_differ"),
        ("Rustam Saidov", "Rashid Saidov", "given_differ"),
        ("Nodira Yusupova", "Nozima Yusupova", "given_differ"),
        ("Gulnora Karimova", "Gulbahor Karimova", "given_differ"),
        ("Kamila Umarova", "Karima Umarova", "given_differ"),
        ("Sanjar Tursunov", "Sardor Tursunov", "given_differ"),
        # two known given names of one consonant code whose vowel groups differ
        ("Roza Petrova", "Raisa Petrova", "given_known_differ"),
        ("Alla Petrova", "Ella Petrova", "given_known_differ"),
        ("Lada Sokolova", "Lida Sokolova", "given_known_differ"),
        ("Inna Karimova", "Anna Karimova", "given_known_differ"),
    ],
)
def test_other_given_names_conflict(a: str, b: str, feature: str) -> None:
    assert compare(a, b, kind="person").features[feature] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [("Schanna Petrova", "Zhanna Petrova"), ("Yulia Petrova", "Julija Petrova"),
     ("Natalia Petrova", "Natalja Petrova"), ("Olga Petrova", "Olha Petrova"),
     ("Gyulnara Karimova", "Gulnara Karimova"), ("Lyudmila Petrova", "Ludmila Petrova")],
)
def test_one_given_name_in_two_conventions_is_no_contradiction(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["given_known_differ"] == 0.0
    assert comparison.score >= 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Boris Johnson", "Alexandre Boris de Pfeffel Johnson"),
        ("Barack Obama", "Barack Hussein Obama"),
        ("Akbar Velayati", "Ali Akbar Velayati"),
        ("Javad Zarif", "Mohammad Javad Zarif"),
        ("Maria Kowalska", "Anna Maria Kowalska"),
        ("Gabriel Marquez", "Gabriel Jose Marquez"),
        ("Jose Marquez", "Gabriel Jose Marquez"),
        ("Tayyip Erdogan", "Recep Tayyip Erdogan"),
        ("Shavkat Mirziyoyev", "Shavkat Miromonovich Mirziyoyev"),
        ("Hassan Rouhani", "Hassan Fereydoun Rouhani"),
        ("Forbes Kerry", "John Forbes Kerry"),
    ],
)
def test_one_of_several_given_names_is_no_contradiction(a: str, b: str) -> None:
    # a name may give one of a person's given names: the others are left out, not other
    # names
    found = compare(a, b, kind="person")
    assert found.score >= 0.9 and found.features["given_differ"] == 0.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Boris Johnson", "Alexandre Peter de Pfeffel Johnson"),
        ("Akbar Velayati", "Mohammad Javad Velayati"),
        ("Maria Kowalska", "Anna Zofia Kowalska"),
        ("Karim Nazarov", "Abdullo Rustam Nazarov"),
        ("Javad Zarif", "Mohammad Reza Zarif"),
        ("Jean Kerry", "John Forbes Kerry"),  # a translation is no spelling
    ],
)
def test_several_given_names_none_shared_still_differ(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.1


@given(st.data())
def test_a_given_name_among_several_matches(data: st.DataObject) -> None:
    names = source_names()
    female = data.draw(st.booleans())
    pool = [g for g, _ in names["given_f" if female else "given_m"]]
    first, second = data.draw(st.lists(st.sampled_from(pool), min_size=2, max_size=2,
                                       unique=True))
    surname = data.draw(st.sampled_from([s for s, _ in names["surname"]]))
    surname = feminine(surname) if female else surname
    system = data.draw(st.sampled_from(SYSTEMS))
    short = romanize(f"{second} {surname}", system)
    full = romanize(f"{first} {second} {surname}", system)
    # a given name data/given_names.tsv does not know and that ends like a patronymic
    # (Turkmen Gurbanguly: Kazakh -uly) is read as one; that is parsing's question
    assume([p.role for p in parse(full, "person").parts] == ["given", "given", "surname"])
    assert compare(short, full, kind="person").score >= 0.5, (short, full)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # letters far apart (three edits or more) and sound codes alike but not equal: no
        # convention and no single typo makes one of the other, so the pair scores low;
        # not a cannot-link, since a typo on top of a convention does the same
        ("Elena Yakovleva", "Anna Yakovleva"),
        ("Alevtina Gerasimova", "Ivanna Gerasimova"),
        ("Farangis Saidova", "Farzona Saidova"),
        ("Bakhtiyor Nazarov", "Bahodur Nazarov"),
        ("Firdavs Saidov", "Faridun Saidov"),
        ("Mehrangez Aliyeva", "Mehrinoz Aliyeva"),
    ],
)
def test_other_given_names_far_apart_score_low(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["given_unlike"] == 1.0
    assert comparison.score < 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # alike in letters and near in sound, but two names data/given_names.tsv knows
        ("Marina Petrova", "Maria Petrova"),
        ("Oksana Bondar", "Ksenia Bondar"),
        ("Yana Koval", "Yanina Koval"),
        ("Stepan Ryabets", "Stefan Ryabets"),
        ("Alina Karimova", "Polina Karimova"),
        ("Diana Usmonova", "Dinara Usmonova"),
        ("Sabina Rahimova", "Sabrina Rahimova"),
        ("Olesya Kravets", "Olena Kravets"),
        ("Zarina Aliyeva", "Zarema Aliyeva"),
    ],
)
def test_two_known_given_names_are_two_people(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["given_known_differ"] == 1.0
    assert comparison.score < 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one name in two conventions or languages: the lookup key, or the sounds, agree
        ("Mariya Petrova", "Marija Petrova"),
        ("Yuliya Sokolova", "Julija Sokolova"),
        ("Firuz Abdurahmonov", "Firus Abdurachmonow"),
        ("Zhanna Kenzhaeva", "Schanna Kenschajewa"),
        ("Oleksandr Koval", "Aleksandr Koval"),
        ("Vera Lysenko", "Vira Lysenko"),
        ("Timur Sattorov", "Temur Sattorov"),
        ("Sasha Ivanov", "Aleksandr Ivanov"),
        ("Natalya Morozova", "Nataliia Morozova"),
    ],
)
def test_one_given_name_in_two_spellings_is_no_evidence_against(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["given_known_differ"] == 0.0
    assert comparison.score >= 0.5


@pytest.mark.parametrize(
    ("written", "english"),
    [
        # j for й or a soft sign (German, Polish, Czech, Croatian, Baltic, ISO 9) against
        # y: at the start, after a consonant and after a vowel; the first three are short
        # or Ukrainian forms of data/nicknames.tsv, whose full name only the y spelling
        # found when lookups went letter for letter
        ("Josyp", "Yosyp"), ("Jukhym", "Yukhym"), ("Omeljan", "Omelyan"),
        ("Jevhen", "Yevhen"), ("Nadija", "Nadiya"), ("Semjon", "Semyon"),
        ("Fjodor", "Fyodor"), ("Pjotr", "Pyotr"), ("Artjom", "Artyom"),
        ("Ljudmila", "Lyudmila"), ("Tetjana", "Tetyana"), ("Ksenija", "Kseniya"),
        ("Anastasija", "Anastasiya"), ("Lukjan", "Lukyan"), ("Julija", "Yuliya"),
    ],
)
@pytest.mark.parametrize("surname", ["Lesyk", "Tuturilov", "Syrotenko"])
def test_j_for_a_glide_is_the_same_given_name(written: str, english: str,
                                              surname: str) -> None:
    a, b = f"{written} {surname}", f"{english} {surname}"
    comparison = compare(a, b, kind="person")
    assert parse(a, "person").given == parse(b, "person").given
    assert comparison.features["given_known_differ"] == 0.0
    assert comparison.features["given_differ"] == 0.0
    assert comparison.score >= 0.9


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a spelling data/nicknames.tsv reads as a foreign form (German Jakob: Yakov;
        # Czech Michal: Mikhail) is also the continental spelling of a name of its own
        # (Якоб, Михал), which the other side writes with y or h: the keys as written meet
        ("Jakob Tuturilov", "Yakob Tuturilov"),
        ("Iakob Tuturilov", "Jakob Tuturilov"),
        ("Michal Stoyanov", "Mihal Stoyanov"),
        # a Lithuanian case ending on the continental spelling: its base reads as the
        # name (Josypas: Josyp, which is Yosyp)
        ("Lesykas, Josypas", "LESYK Yosyp"),
        ("Jakobas Tuturilovas", "Yakob Tuturilov"),
    ],
)
def test_a_spelling_two_tables_read_apart_is_no_contradiction(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["given_known_differ"] == 0.0
    assert comparison.features["given_differ"] == 0.0
    assert comparison.score >= 0.8


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two letters side by side swapped, as a typo swaps them: the result may read as
        # another listed name (Irian, Irean, Olag), but names rarely differ so
        ("Irina Shestakova", "Šestakova Irian"),
        ("Irena Mishchenko", "Irean Miszczenko"),
        ("Olga Petrova", "Olag Petrova"),
        ("Nikolai Petrov", "Nikloai Petrov"),
        ("Oleg Sokolov", "Olge Sokolov"),
    ],
)
def test_a_swap_in_a_known_given_name_is_a_typo(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["given_known_differ"] == 0.0
    assert comparison.score >= 0.75  # 0.80 at the refits of 2026-12-07 (Olag: 0.7999)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a typo made a woman's given name a man's (or the other way round) where the
        # name's own surname ending says the gender: no contradiction of the other
        # spelling, whose given name agrees with that surname
        ("Muslima Mironova", "Muslim Mironova"),
        ("Afruza Khalidova", "Afruz Xalidova"),
        ("Irina Shestakova", "Irian Shestakova"),
    ],
)
def test_a_given_name_its_own_surname_contradicts_is_no_gender(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["gender_conflict"] == 0.0
    assert comparison.score >= 0.8


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Aleksandr Ivanov", "Aleksandra Ivanova"),
        ("Muslim Mironov", "Muslima Mironova"),
        ("Oleksandr Kovalenko", "Oleksandra Kovalenko"),
        ("Viktoriya Havrylyshyn", "Viktor Havrylyshyn"),
    ],
)
def test_agreeing_given_names_and_surnames_keep_their_genders(a: str, b: str) -> None:
    # a conflict: clustering's cannot-link, whatever the calibrated score (0.20 at most)
    comparison = compare(a, b, kind="person")
    assert comparison.features["gender_conflict"] == 1.0
    assert comparison.score < 0.3


def test_j_stays_dzh_where_the_name_lists_say_so() -> None:
    # English and Tajik Latin j is дж: a listed spelling keeps its own reading
    assert parse("Jamshed Saidov", "person").given == "jamshed"
    assert parse("Mirjon Karimov", "person").given == "mirjon"
    assert parse("Jahongir Saidov", "person").given == "jahongir"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one given name in two conventions or with a typo, letters 0.6-0.75 alike
        ("Dzhamshed Saidov", "Jamshid Saidov"),
        ("Khurshed Aliev", "Hurshid Aliev"),
        ("Nazira Karimova", "Nasira Karimova"),
        ("Sherzod Nazarov", "Shersod Nazarov"),
        ("Zhanna Orlova", "Schanna Orlova"),
        ("Jurij Gagarin", "Yuri Gagarin"),
        ("Firuza Sharipova", "Feruza Sharipova"),
        ("Gulchehra Saidova", "Gultschehra Saidova"),
    ],
)
def test_one_given_name_in_two_spellings_does_not_conflict(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["given_differ"] == 0.0
    assert comparison.score >= 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the -sky ending's feminine in Ukrainian (-ska; masculine -skyi, -skyj), Polish
        # (-ski / -ska) and Czech: a man and a woman of one family are two people
        ("Ihor Abrahamovskyi", "Hanna Abrahamovska"),
        ("Jan Kowalski", "Anna Kowalska"),
        ("Abrahamovsky", "Hanna Abrahamovska"),
        ("Zielinski", "Zielinska"),
        ("Oleksandr Zavadskyi", "Zavadska, Iryna"),
        ("Wiśniewski", "Wiśniewska Maria"),
        ("Taras Kotsiubynskyj", "Kotsiubynska Olena"),
    ],
)
def test_slavic_sky_and_ska_are_two_genders(a: str, b: str) -> None:
    assert compare(a, b, kind="person").features["gender_conflict"] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one place in two conventions whose letters differ but whose sound codes agree
        # (Polish cz, Hungarian cs, German ch and sch, Lithuanian -as): all scored below 0.4
        # before places had a sound feature
        ("Cherepovets", "Czerepowiec"),
        ("Cherepovets", "Cserepovec"),
        ("Chernihiv", "Czernihów"),
        ("Khujand", "Chudschand"),
        ("Luhanskas", "Луганьск"),
        # the Lithuanian nominative on a generic ending (data/place_endings.tsv)
        ("Smolenskas", "Smolensk"),
        ("Kazachstanas", "Kazakhstan"),
        ("Volgogradas", "Wolgograd"),
    ],
)
def test_place_conventions_score_as_one_place(a: str, b: str) -> None:
    comparison = compare(a, b, kind="place")
    assert comparison.features["core_sound_sim"] == 1.0
    assert comparison.score >= 0.5


# one core with contrasting words of one dimension (data/place_senses.tsv): two places
PLACE_SENSES_APART = [
    ("Gornji Vakuf", "Donji Vakuf"), ("Gorna Oryahovitsa", "Dolna Oryahovitsa"),
    ("Horní Benešov", "Dolní Benešov"), ("Górny Śląsk", "Dolny Śląsk"),
    ("Verkhnyaya Salda", "Nizhnyaya Salda"), ("Yukarı Ayrancı", "Aşağı Ayrancı"),
    ("Stara Zagora", "Nova Zagora"), ("Staryi Krym", "Novyi Krym"),
    ("Yeni Shehir", "Eski Shehir"), ("Mala Vyska", "Velyka Vyska"),
    ("Malaya Vishera", "Bolshaya Vishera"), ("Severnyy Kazakhstan", "Yuzhnyy Kazakhstan"),
    ("Gornji Milanovac", "Donji Milanovac"), ("Nowy Dwór", "Stary Dwór"),
]
# one place whose contrasting word is written by other conventions and scripts
PLACE_SENSES_ONE = [
    ("Nizhny Novgorod", "Нижний Новгород"), ("Nizhniy Novgorod", "Nijni Novgorod"),
    ("Nova Kakhovka", "Нова Каховка"), ("Stara Zagora", "Стара Загора"),
    ("Velyka Novosilka", "Велика Новосілка"), ("Novi Sad", "Нови Сад"),
    ("Gornji Vakuf", "Горњи Вакуф"), ("Velikiy Novgorod", "Veliky Novgorod"),
    ("Staryi Krym", "Stary Krym"), ("Eski Shehir", "Eski Şehir"),
]


@pytest.mark.parametrize(("a", "b"), PLACE_SENSES_APART, ids=[a for a, _ in PLACE_SENSES_APART])
def test_contrasting_words_tell_places_apart(a: str, b: str) -> None:
    comparison = compare(a, b, kind="place")
    assert comparison.features["feature_conflict"] == 1.0
    assert comparison.score < 0.5


@pytest.mark.parametrize(("a", "b"), PLACE_SENSES_ONE, ids=[a for a, _ in PLACE_SENSES_ONE])
def test_one_contrasting_word_in_two_conventions_is_one_place(a: str, b: str) -> None:
    comparison = compare(a, b, kind="place")
    assert comparison.features["feature_conflict"] == 0.0
    assert comparison.score >= 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # names of several words that share one word and differ in another: the whole
        # strings are alike, the places are not
        ("Nowy Sącz", "Nowy Targ"),
        ("Stara Zagora", "Stara Pazova"),
        ("Biała Podlaska", "Biała Rawska"),
        ("Velyka Novosilka", "Velyka Bilozerka"),
        ("Stary Sambir", "Stary Oskol"),
        ("Nova Kakhovka", "Nova Odesa"),
    ],
)
def test_a_differing_word_tells_places_apart(a: str, b: str) -> None:
    comparison = compare(a, b, kind="place")
    assert comparison.features["core_word_unmatched"] >= 0.3
    assert comparison.score < 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Veliky Novgorod", "Weliki Nowgorod"),
        ("Ivano-Frankivsk", "Iwano-Frankiwsk"),
        ("Nizhny Novgorod", "Nischni Nowgorod"),
        ("Nowy Sącz", "Nowy Sacz"),
        ("Kamianets-Podilskyi", "Kamenez-Podolski"),
    ],
)
def test_places_of_several_words_in_two_conventions_agree(a: str, b: str) -> None:
    assert compare(a, b, kind="place").score >= 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Uzbek Latin writes х as x; the given name's sound codes read the letters as
        # written, not after folding (which keeps x = ks only)
        ("Maxdi Samandarov", "Mahdi Samandarov"),
        ("Baxtiyor Rahimov", "Bakhtiyor Rahimov"),
        ("Zuxra Aliyeva", "Zukhra Aliyeva"),
        ("Ilxom Nazarov", "Ilkhom Nazarov"),
        ("Shoxrux Karimov", "Shohrukh Karimov"),
        ("Dilxush Saidova", "Dilkhush Saidova"),
        ("Roxila Yusupova", "Rokhila Yusupova"),
        ("Baxrom Tursunov", "Bahrom Tursunov"),
        ("Axmad Sharipov", "Ahmad Sharipov"),
    ],
)
def test_a_given_name_sounds_as_written(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["given_sound_sim"] == 1.0
    assert comparison.score >= 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nikita Sergeyevich Khrushchev", "Nikita Pavlovich Khrushchev"),
        ("Chruschtschow Nikita Sergejewitsch", "Nikita Pavlovich Khrushchev"),
        # the fathers' names differ, the endings all patronymics share do not: they
        # compare by the fathers' names (parse.father_name), not the whole words
        ("Angelina Leonidovna Kulakova", "Angelina Gennadievna Kulakova"),
        ("Sergey Ivanovich Lavrov", "Sergey Viktorovich Lavrov"),
        ("Oksana Nilovna Likhacheva", "Oksana Lvovna Likhacheva"),
        ("Anzhela Andreevna Osipova", "Anzhela Aleksandrovna Osipova"),
        ("Mykhailyna Demianivna Riabchenko", "Mykhailyna Vadymivna Riabchenko"),
        # fathers' names no list holds, whose sounds are far apart
        ("Sadyr Ibrohimovich Kamolov", "Sadyr Vakhobovich Kamolov"),
        ("Anna Bolatovna Ziyoeva", "Anna Azamatovna Ziyoeva"),
        # fathers the lists know as other names, whose sounds are alike as a whole but
        # two apart
        ("Liliia Ostapivna Taran", "Lilija Orestivna Taran"),
        ("Ivan Ostapovich Bondar", "Ivan Stepanovich Bondar"),
        ("Orest Artemovich Lysenko", "Orest Orestovich Lysenko"),
        # one sound apart, but the names' keys three letters apart: no typo's shape
        ("Kulakova Varvara Maksimovna", "Kulakova Varvara Kuzminichna"),
        # an unlisted father's sounds come from his name as written, not folded (Zhdan
        # folds to jdan, which the continental reading hears as Ydan, near Afanas)
        ("Abramova Anzhelika Afanas'evna", "Anzhelika Zhdanovna Abramova"),
    ],
)
def test_other_fathers_conflict(a: str, b: str) -> None:
    # a conflict is a cannot-link in clustering, whatever the score
    assert compare(a, b, kind="person").features["patronymic_conflict"] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nikita Sergeyevich Khrushchev", "Chruschtschow Nikita Sergejewitsch"),
        ("Ada Tymofiivna Nalyvaiko", "Ada Timofeevna Nalivaiko"),
        ("Prokhor Hryhoriiovych Drozd", "Prokhor Grigorievich Drozd"),
        # one father in Ukrainian and in Russian: the lists read both as one name
        ("Petro Mykolaiovych Shevchenko", "Petr Nikolaevich Shevchenko"),
        ("Roksolana Mykolajivna Valenko", "Roksolana Mykolaivna Valenko"),
        ("Svjatoslav Josypovyč Zabila", "Sviatoslav Iosifovich Zabila"),
        ("Olena Danylivna Koval", "Elena Danilovna Koval"),
        ("Oksana Serhiivna Koval", "Oksana Sergeevna Koval"),
        ("Lora Alekseevna Nazarova", "Lora Aleksiejewna Nazarova"),
        ("Ivan Kuzmich Petrov", "Ivan Kuzmovich Petrov"),
        # a typo in a father's name no list holds: one sound from it, or letters alike
        ("Khariton Yulevich Nikiforov", "Khariton Yuljevich Nikiforov"),
        ("Ivan Petrovich Sidorov", "Ivan Pertovich Sidorov"),
        ("Naina Leonovna Isakova", "Naina Leomovna Isakova"),
        # x for х (GOST 7.79 B, Uzbek Latin): the continental reading finds the father
        ("Evdokymenko Stanislav Juxymovyč", "Stanislav Iukhymovych Evdokymenko"),
        ("Oksenija Juxymivna Davymuka", "Oksenia Yukhymivna Davymuka"),
        ("Bahrom Yaxyoyevich Karimov", "Bakhrom Yakhyoevich Karimov"),
        # the Ukrainian patronymic of Яків opens і to о; Russian puts л before -evich
        ("Ivan Yakovych Bondar", "Ivan Yakovlevich Bondar"),
        # Ukrainian forms of a Russian father's name (data/nicknames.tsv)
        ("Ivan Opanasovych Bondar", "Ivan Afanasievich Bondar"),
        ("Olena Panasivna Bondar", "Elena Afanasievna Bondar"),
        # Russian puts ин between a father's name in -а or -я and -ична
        ("Olga Fominichna Orlova", "Olha Fomivna Orlova"),
        ("Anna Ilinichna Petrova", "Ganna Illivna Petrova"),
    ],
)
def test_one_father_in_two_conventions_does_not_conflict(a: str, b: str) -> None:
    assert compare(a, b, kind="person").features["patronymic_conflict"] == 0.0


# a typo keeps one side's given name from the lists' full name while the other finds it:
# the words as written are one edit apart, no contradiction
TYPO_BESIDE_A_LISTED_FORM = [
    ("Myyta Lysenko", "Judge Lysenko Mykyta Sergiiovych"),
    ("Chnaa Rimpopova", "Rimpopova, Chana"),
    ("Mykyat Bondar", "Mykyta Bondar"),
    ("Olksa Petrenko", "Oleksa Petrenko"),
    ("Hnaa Koval", "Hanna Koval"),
]


@pytest.mark.parametrize(("a", "b"), TYPO_BESIDE_A_LISTED_FORM)
def test_a_typo_beside_a_listed_form_is_no_other_name(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["given_differ"] == 0.0, (a, b)
    assert comparison.score >= 0.5, (a, b, comparison.score)


# x inside a word is х in Uzbek Latin, GOST 7.79 System B and Azerbaijani, ks in English
# (Alexander): the continental reading takes the first, the English one the second
X_FOR_KH = [
    ("Abdullox Saidov", "Abdulloh Saidov", "person"),
    ("Abdullox Saidov", "Абдуллоҳ Саидов", "person"),
    ("Yaxyo Karimov", "Yahyo Karimov", "person"),
    ("Shaxnoza Samirova", "Shakhnoza Samirova", "person"),
    ("Yuriy Kaxxorov", "Yuriy Kakhkhorov", "person"),
    ("Juxym Turkalo", "Iukhym Turkalo", "person"),
    ("Baxtiyor Nazarov", "Bakhtiyor Nazarov", "person"),
    ("Ravshan Muxitdinov", "Ravshan Mukhitdinov", "person"),
    ("Boxtar", "Bokhtar", "place"),
    ("Buxoro", "Bukhoro", "place"),
    # and x as ks still reads in English
    ("Alexandr Ivanov", "Aleksandr Ivanov", "person"),
    ("Maxim Petrov", "Maksim Petrov", "person"),
]


@pytest.mark.parametrize(("a", "b", "kind"), X_FOR_KH)
def test_x_inside_a_word_reads_as_kh_or_ks(a: str, b: str, kind: str) -> None:
    comparison = compare(a, b, kind=kind)  # type: ignore[arg-type]
    assert comparison.score >= 0.8, (a, b, comparison.score)
    if kind == "person":
        assert comparison.features["given_differ"] == 0.0


@pytest.mark.parametrize(
    ("typo", "other"),
    [("Eofeevich", "Jerofejevics"), ("Eemeevich", "Jeremejevics"),
     ("Efiovich", "Jefimovics"), ("Egoovich", "Jegorovics"), ("Evgeevich", "Jevgenjevics")],
)
def test_a_typo_in_one_convention_is_no_other_father(typo: str, other: str) -> None:
    # each side may follow either convention: the English reading of one against the
    # continental reading of the other (j is й there, not дж)
    features = compare(f"Ivan {typo} Petrov", f"Ivan {other} Petrovs", kind="person").features
    assert features["patronymic_conflict"] == 0.0


NAMES = st.sampled_from(["Rahmon", "Khrushchev", "Zaruba", "Mirziyoyev", "Nazarzoda"])
GIVEN = st.sampled_from(["Emomali", "Nikita", "Roman", "Shavkat", "Abdullo"])


@given(NAMES, GIVEN)
def test_marked_orders_parse_alike(surname: str, given_name: str) -> None:
    plain = parse(f"{given_name} {surname}", "person")
    for written in (f"{surname}, {given_name}", f"{surname.upper()} {given_name}"):
        other = parse(written, "person")
        assert (other.surname, other.given) == (plain.surname, plain.given)


def test_split_groups_of_one_person_take_the_short_form() -> None:
    # 0, 1: "Onufriy Pakhomov" and a typo'd "Pakhomox Onufriy" (linked, not merged);
    # 2: "O. Pakhomov"
    labels = [0, 1, 2]
    edges = (
        [0, 0, 1], [1, 2, 2], [0.6, 0.95, 0.9], [False, False, False],
    )
    short = [False, False, True]
    out, ambiguous = attach_short(labels, edges, short)
    assert out[2] == out[0] and not ambiguous[2]


def test_split_groups_linked_only_through_the_main_one_take_the_short_form() -> None:
    # 0: "Onufriy Pakhomov"; 1: "Pakhomov Onufry Eofeevich", 2: "Pakhomov, Oufriy" (typos
    # blocking paired with the main spellings, not with each other); 3: "O. Pakhomov"
    edges = ([0, 0, 0, 1, 2], [1, 2, 3, 3, 3], [0.9, 0.9, 0.95, 0.95, 0.94], [False] * 5)
    out, ambiguous = attach_short([0, 1, 2, 3], edges, [False, False, False, True])
    assert out[3] == out[0] and not ambiguous[3]


def test_a_group_the_short_form_conflicts_with_is_no_rival() -> None:
    # group 0 = nodes 0, 1: one member fits the short form 3 best (0.99), the other
    # conflicts with it; group 2 fits it at 0.75, more than REFERENT_MARGIN below: the
    # conflicting group is out, and with it its best score, so the short form joins group 2
    edges = ([0, 0, 1, 2], [3, 1, 3, 3], [0.99, 0.9, 0.1, 0.75], [False, False, True, False])
    out, ambiguous = attach_short([0, 0, 2, 3], edges, [False, False, False, True])
    assert out[3] == out[2] and not ambiguous[3]


def test_two_people_keep_the_short_form_ambiguous() -> None:
    # 0: "Aleksey Petrov", 1: "Aleksandr Petrov" (conflicting given names), 2: "A. Petrov"
    edges = ([0, 0, 1], [1, 2, 2], [0.1, 0.9, 0.9], [True, False, False])
    out, ambiguous = attach_short([0, 1, 2], edges, [False, False, True])
    assert ambiguous[2] and out[2] not in (out[0], out[1])


def test_split_groups_never_take_a_short_form_into_a_group_it_must_not_join() -> None:
    # group 0 = nodes 0, 1 (the largest), groups 2 and 3: all one person's names, linked;
    # short form 4 reaches all three but the user said it is not node 0's person
    labels = [0, 0, 2, 3, 4]
    edges = ([0, 0, 2, 0, 2, 3], [2, 3, 3, 4, 4, 4], [0.9] * 6, [False] * 6)
    out, ambiguous = attach_short(labels, edges, [False] * 4 + [True],
                                  cannot_link=[(4, 0)])
    assert out[4] != out[0] and out[4] in (out[2], out[3]) and not ambiguous[4]


@pytest.mark.parametrize(
    ("one", "other"),
    [("kokorin", "korin"), ("papanov", "panov"), ("susanin", "sanin"), ("gogolev", "golev")],
)
def test_one_class_on_both_sides_of_a_vowel_is_two_sounds(one: str, other: str) -> None:
    assert not set(sound_codes(one)) & set(sound_codes(other))


@pytest.mark.parametrize(
    ("one", "other"),
    [("vassiliy", "vasiliy"), ("alla", "ala"), ("filippov", "filipov"), ("saddam", "sadam")],
)
def test_a_letter_written_twice_is_one_sound(one: str, other: str) -> None:
    assert set(sound_codes(one)) & set(sound_codes(other))


@pytest.mark.parametrize(("j", "y"), [("alexej", "alexey"), ("andrej", "andrey"),
                                      ("sergej", "sergey"), ("nikolaj", "nikolay")])
def test_j_after_a_vowel_before_a_consonant_or_the_end_is_y(j: str, y: str) -> None:
    # no English-style system writes дж there: both readings read й
    assert set(sound_codes(j)) == set(sound_codes(y))


@pytest.mark.parametrize(
    ("short", "full"),
    [("Pudin", "Putin"), ("Rudin", "Rutin"), ("Budin", "Butin")],
)
def test_a_short_surname_ending_in_udin_is_no_tajik_iddin(short: str, full: str) -> None:
    # the -uddin ~ -iddin rule needs a stem: one letter apart stays one letter apart
    assert fold(short.lower())[:2] == fold(full.lower())[:2]
    assert compare(f"Nuruddin {short}", f"Nuriddin {short}").score > 0.9


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("A. S. Pushkin", "Aleksandr Fedorovich Pushkin"),
        ("Pushkin A. S.", "Pushkin A. F."),
        ("Е. Ш. Рахмонов", "Emomali Rustamovich Rakhmonov"),
        ("M. T. Karimova", "Malika Rashidovna Karimova"),
    ],
)
def test_a_second_initial_against_another_father_conflicts(a: str, b: str) -> None:
    assert compare(a, b, kind="person").features["second_initial_conflict"] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("A. S. Pushkin", "Aleksandr Sergeyevich Pushkin"),
        ("E. Sh. Rahmon", "Emomali Sharipovich Rahmon"),
        ("Karimova M. R.", "Malika Rashidovna Karimova"),
        ("Ju. V. Andropov", "Yuri Vladimirovich Andropov"),
    ],
)
def test_a_second_initial_of_the_same_father_agrees(a: str, b: str) -> None:
    r = compare(a, b, kind="person")
    assert r.features["second_initial_conflict"] == 0.0 and r.score > 0.8


@pytest.mark.parametrize(("d", "dzh"), [("d", "dzhafar"), ("д", "jamshed"), ("j", "dzhura"),
                                      ("d", "džamila"), ("dzh", "jahongir")])
def test_the_initial_of_dzh_is_d_or_j(d: str, dzh: str) -> None:
    assert initial_mask(d) & initial_mask(dzh)


@pytest.mark.parametrize(("f", "v"), [("f", "v"), ("ph", "w"), ("ф", "в"), ("fyodor", "vasily")])
def test_an_initial_f_is_not_v(f: str, v: str) -> None:
    assert not initial_mask(f) & initial_mask(v)


@pytest.mark.parametrize(
    ("raw", "surname"),
    [
        ("Kuznetsova Marina", "kuznetsova"),
        ("Lebedeva Kristina", "lebedeva"),
        ("Marina Kuznetsova", "kuznetsova"),
        ("Nazarova Zarina", "nazarova"),
        ("Irina Sorokina", "sorokina"),  # two -ina words: the later one
        ("Gavrilov Vissarion", "gavrilov"),  # -ion folds to the Tajik -yon
        ("Larionov Ilarion", "larionov"),
    ],
)
def test_a_strong_surname_ending_beats_a_given_names_ending(raw: str, surname: str) -> None:
    parts = parse(raw, "person").parts
    assert [p.text for p in parts if p.role == "surname"] == [surname]


@pytest.mark.parametrize(
    ("bare", "full"),
    [("Tikhonov", "Tikhomirov Pavel"), ("Gorshkov", "Gorbunov Ilya"),
     ("Samoilov", "Samsonov Boris"), ("Karpov", "Karpenko Ivan")],
)
def test_a_rare_bare_surname_lends_nothing_to_another_surname(bare: str, full: str) -> None:
    assert compare(bare, full, kind="person").score < 0.5


def test_a_far_weaker_candidate_is_no_rival_for_a_short_form() -> None:
    # 0: "Pavel Tikhonov", 1: "Ivan Tikhomirov"-like near spelling scoring 0.62,
    # 2: bare "Tikhonov" (0.96 to node 0): it joins node 0
    edges = ([0, 0, 1], [1, 2, 2], [0.1, 0.96, 0.62], [False, False, False])
    out, ambiguous = attach_short([0, 1, 2], edges, [False, False, True])
    assert out[2] == out[0] and not ambiguous[2]


def test_two_alike_candidates_stay_rivals() -> None:
    edges = ([0, 0, 1], [1, 2, 2], [0.1, 0.96, 0.9], [True, False, False])
    _, ambiguous = attach_short([0, 1, 2], edges, [False, False, True])
    assert ambiguous[2]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("VladimirPutin", "Vladimir Putin"),
        ("ВладимирПутин", "Vladimir Putin"),
        ("ShavkatMirziyoyev", "Mirziyoyev, Shavkat"),
        ("JanDaniel Bothma", "Jan Daniel Bothma"),
        ("Alisher-Usmanov", "Alisher Usmanov"),
        ("alisher-usmanov", "USMANOV Alisher"),
        ("Sergey-Lavrov", "Sergey Lavrov"),
        ("Emomali-Rahmon", "Emomali Rahmon"),
        ("Nikolai Patr ushev", "Nikolai Patrushev"),
        ("Ramzan Kadyr ov", "Ramzan Kadyrov"),
        ("Oy nihol Bobonazarova", "Oynihol Bobonazarova"),
        ("Kasym-Jomart", "Kasymjomart"),
        ("Abdul-Rahman", "Abdulrahman"),
    ],
)
def test_one_name_cut_into_other_words(a: str, b: str) -> None:
    # the same letters in role order (Name.joined) are one name, and blocking meets them
    assert compare(a, b, kind="person").score >= 0.99
    found = name_candidates(["person", "person"], [a, b])
    assert (found[0].tolist(), found[1].tolist()) == ([0], [1])


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("McDonald", ("mcdonald",)),
        ("MacArthur", ("macarthur",)),
        ("DiCaprio", ("dicaprio",)),
        ("FitzGerald", ("fitzgerald",)),
        ("LaGuardia", ("laguardia",)),
        ("VanDyke", ("vandyke",)),
        ("O'Neill", ("o'neill",)),
        ("AlAssad", ("al-assad",)),
        ("VladimirPutin", ("vladimir-putin",)),
        ("ЕвроповКирилов", ("yevropov-kirilov",)),
        ("RAHMON Emomali", ("rahmon", "emomali")),
    ],
)
def test_a_capital_inside_a_word_is_a_hyphen_unless_after_a_prefix(raw: str,
                                                               words: tuple[str, ...]) -> None:
    assert to_text(raw).words == words


@pytest.mark.parametrize(
    ("raw", "surname"),
    [
        ("Ter-Petrosyan", "terpetrosyan"),
        ("Petrov-Vodkin", "petrovodkin"),
        ("Abdul-Rahman", "abdurahman"),
        ("Anna-Maria", "anamarya"),
        ("Alisher-Usmanov", "usmanov"),
        ("Sergey-Lavrov", "lavrov"),
    ],
)
def test_a_lone_hyphenated_word_is_split_only_after_a_given_name(raw: str,
                                                                 surname: str) -> None:
    assert parse(raw, "person").surname == surname


@settings(max_examples=200, deadline=None)
@given(romanized(), st.sampled_from(("camel", "space")), st.integers(2, 6))
def test_a_name_cut_elsewhere_stays_one_name(name: str, how: str, at: int) -> None:
    given_name, surname = name.split(" ", 1)
    assume(len(surname) >= at + 2 and surname.isalpha())
    if how == "camel":
        cut = f"{given_name.capitalize()}{surname.capitalize()}"
    else:
        cut = f"{given_name} {surname[:at]} {surname[at:]}"
        # a piece that reads as an initial (Dzh, one letter folded) is one
        assume("initial" not in {p.role for p in parse(cut, "person").parts})
    assert compare(cut, name, kind="person").score >= 0.99, (cut, name)
    assert name_candidates(["person", "person"], [cut, name])[0].tolist() == [0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a double surname hyphenated on one side, written apart on the other, and spelt
        # otherwise too (the same letters are one name already: Name.joined)
        ("Catherine Zeta-Jones", "Katherine Zeta Jones"),
        ("Helena Bonham-Carter", "Helena Bonham Karter"),
        ("Nikolai Rimsky-Korsakov", "Nikolaj Rimskij Korsakow"),
        ("Ivan Sokolov-Mikitov", "Iwan Sokolow Mikitow"),
        ("Dmitrij Mamin-Sibirjak", "Dmitry Mamin Sibiryak"),
        ("Gabriel García-Márquez", "Gabriel Garcia Marques"),
        ("Kuzma Petrov-Vodkin", "Kusma Petrow Wodkin"),
        ("Levon Ter-Petrosyan", "Levon Ter Petrosjan"),
        ("Andrew Lloyd-Webber", "Andrew Loyd Webber"),
        ("Sergei Prokudin-Gorsky", "Sergey Prokudin Gorskiy"),
    ],
)
def test_a_surname_joined_with_the_word_beside_it(a: str, b: str) -> None:
    # 0.06-0.31 before, Ter Petrosjan 0.84 (0.95 now)
    assert compare(a, b, kind="person").score >= 0.85, (a, b)
    found = name_candidates(["person", "person"], [a, b])
    assert (found[0].tolist(), found[1].tolist()) == ([0], [1])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mary Ann Smith", "Mary Smithson"),  # annsmith is no spelling of smithson
        ("Abdullo Karim Nazarov", "Abdullo Rustam Nazarov"),
        ("Boris Ivan Johnson", "Boris Ivanenko"),
        # a middle name beside a surname, against another family's one-word surname: the
        # join is read only against a surname written hyphenated (0.75-0.98 when it was
        # read against any surname: a new user's trial of 5c2684f)
        ("Karl Heinz Mann", "Karl Heinemann"),
        ("Klaus Peter Son", "Klaus Petersen"),
        ("Peter Carl Sen", "Peter Karlsen"),
        ("Erik Carl Son", "Erik Karlsson"),
        ("Jane Ellen Burg", "Jane Ellenberg"),
        ("Joan Marie Ott", "Joan Mariotti"),
        ("David Rose Field", "David Rosenfeld"),
        ("Robert Lee Mann", "Robert Lehmann"),
        ("Robert Ray Burns", "Robert Rayburn"),
        ("Ahmed Ali Khan", "Ahmed Alikhanov"),
        ("Anna Lena Hart", "Anna Lenhart"),
        ("Lisa Mae Field", "Lisa Mayfield"),
        ("Eric Jon Sen", "Eric Johnson"),
    ],
)
def test_a_joined_surname_does_not_make_other_people_one(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.5, (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergey Ivanovich Lavrov", "Sergey Viktorovich Lavrov"),
        ("Ivan Petrovich Sidorov", "Ivan Pavlovich Sidorov"),
        ("Emomali Sharipovich Rahmon", "Emomali Karimovich Rahmon"),
        ("Anna Sergeyevna Ivanova", "Anna Petrovna Ivanova"),
        ("Hryhorii Ivanovych Petrenko", "Hryhorii Petrovych Petrenko"),
        ("Lavrov Sergey Ivanovich", "Sergei Viktorovich Lavrov"),
        ("Ivan Petrov", "Ivan Petrova"),
        ("Jan Kowalski", "Jan Kowalska"),
        ("Zarina Nazarova", "Zarina Nazarov"),
        ("I. O. Nalyvayko", "Ada Tymofiivna Nalyvayko"),
        ("Sergey Prigozhin", "Yevgeny Prigozhin"),
    ],
)
def test_a_contradiction_is_no_match(a: str, b: str) -> None:
    # contradicting pairs have a calibration map of their own (model.KindModel): the
    # logistic weight of a rare contradiction stays small, so one map scored these as the
    # pairs that agree do (Lavrov 0.96, Petrov ~ Petrova 0.78) while resolve never joins
    # them
    found = compare(a, b, kind="person")
    assert found.score < 0.5
    assert found.explain().against[0].startswith("a contradiction")


def test_no_contradiction_scores_as_a_match() -> None:
    from namematch.model import DEFAULT_THRESHOLD, load_model

    for model in load_model().values():
        assert model.conflict_knots is not None
        assert max(model.conflict_knots[1]) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("greek", "latin"),
    [
        ("Βλαντιμίρ Πούτιν", "Vladimir Putin"),
        ("Σεργκέι Λαβρόφ", "Sergey Lavrov"),
        ("Εμομαλί Ραχμόν", "Emomali Rahmon"),
        ("Αλεξέι Ναβάλνι", "Alexei Navalny"),
        ("Ιλχάμ Αλίεφ", "Ilham Aliyev"),
        ("Σαβκάτ Μιρζιγιόγιεφ", "Shavkat Mirziyoyev"),
        ("Μπαράκ Ομπάμα", "Barack Obama"),
        ("Νουρσουλτάν Ναζαρμπάγεφ", "Nursultan Nazarbayev"),
        ("Αλεξάντρ Λουκασένκο", "Alexander Lukashenko"),
        ("Γκιουλνάρα Καρίμοβα", "Gulnara Karimova"),
        ("Ραμζάν Καντίροφ", "Ramzan Kadyrov"),
    ],
)
def test_greek_script_reads_as_modern_greek(greek: str, latin: str) -> None:
    # data/greek.tsv: β is v, ου u, ντ d, μπ b, γκ g, -οφ -ov; an accent on a digraph's
    # first vowel splits it (Σεργκέι); unidecode read Βλαντιμίρ Πούτιν as blantimir poutin
    # (0.02 against Vladimir Putin)
    assert compare(greek, latin, kind="person").score >= 0.85


@pytest.mark.parametrize(
    ("armenian", "latin", "kind"),
    [
        ("Նիկոլ Փաշինյան", "Nikol Pashinyan", "person"),
        ("Ռոբերտ Քոչարյան", "Robert Kocharyan", "person"),
        ("Սերժ Սարգսյան", "Serzh Sargsyan", "person"),
        ("Լևոն Տեր-Պետրոսյան", "Levon Ter-Petrosyan", "person"),
        ("Արամ Խաչատրյան", "Aram Khachatryan", "person"),
        ("Արամ Խաչատրյան", "Aram Khachaturian", "person"),  # the Russian form
        ("Վարդան Օսկանյան", "Vardan Oskanyan", "person"),
        ("Երևան", "Yerevan", "place"),
        ("Գյումրի", "Gyumri", "place"),
        ("Վանաձոր", "Vanadzor", "place"),
    ],
)
def test_armenian_script_reads_by_bgn_pcgn(armenian: str, latin: str, kind: str) -> None:
    # data/armenian.tsv; unidecode wrote the aspirates ch` and p`, and the backtick split
    # the word (Փաշինյան: p, ashinyan)
    assert len(to_text(armenian).words) == len(armenian.split())
    assert compare(armenian, latin, kind=kind).score >= 0.85, (armenian, latin)


def test_armenian_names_of_different_people_stay_apart() -> None:
    assert compare("Ռոբերտ Քոչարյան", "Serzh Sargsyan", kind="person").score < 0.1
    assert compare("Նիկոլ Փաշինյան", "Nikol Sargsyan", kind="person").score < 0.5


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [("علی", "Ali"), ("عباس", "Abbas"), ("محمد علي", "Mohammed Ali"), ("عبدالله", "Abdullah")],
)
def test_a_word_initial_ayn_is_the_vowel_latin_writes(arabic: str, latin: str) -> None:
    assert compare(arabic, latin, kind="person").score >= 0.85


@pytest.mark.parametrize(
    ("abjad", "latin", "kind"),
    [
        # Hebrew (data/hebrew.tsv): vav and yod inside a word are the vowels
        ("בנימין נתניהו", "Benjamin Netanyahu", "person"),
        ("ולדימיר פוטין", "Vladimir Putin", "person"),
        ("דוד בן גוריון", "David Ben-Gurion", "person"),
        ("שמעון פרס", "Shimon Peres", "person"),
        ("יצחק רבין", "Yitzhak Rabin", "person"),
        ("אהוד ברק", "Ehud Barak", "person"),
        ("יאיר לפיד", "Yair Lapid", "person"),
        ("בני גנץ", "Benny Gantz", "person"),
        ("גולדה מאיר", "Golda Meir", "person"),
        ("אבי כהן", "Avi Cohen", "person"),
        ("וולודימיר זלנסקי", "Volodymyr Zelensky", "person"),
        ("סרגיי לברוב", "Sergey Lavrov", "person"),
        ("תל אביב", "Tel Aviv", "place"),
        ("חיפה", "Haifa", "place"),
        ("קייב", "Kyiv", "place"),
        ("מוסקבה", "Moskva", "place"),
        # Arabic script: the article al- written joined, b for p, no short vowels
        ("بشار الأسد", "Bashar al-Assad", "person"),
        ("عبد الفتاح السيسي", "Abdel Fattah el-Sisi", "person"),
        ("أبو بكر البغدادي", "Abu Bakr al-Baghdadi", "person"),
        ("نوري المالكي", "Nouri al-Maliki", "person"),
        ("عمر البشير", "Omar al-Bashir", "person"),
        ("صدام حسين", "Saddam Hussein", "person"),
        ("قاسم سليماني", "Qasem Soleimani", "person"),
        ("فلاديمير بوتين", "Vladimir Putin", "person"),
        ("فرناندو بيريز", "Fernando Pérez", "person"),
        ("إسلام كريموف", "Islam Karimov", "person"),
        ("خليفة حفتر", "Khalifa Haftar", "person"),
        ("دوشنبه", "Dushanbe", "place"),
        ("خجند", "Khujand", "place"),
        ("بغداد", "Baghdad", "place"),
        ("سمرقند", "Samarkand", "place"),
    ],
)
def test_an_abjad_name_meets_the_latin_spelling_its_letters_fit(
        abjad: str, latin: str, kind: str) -> None:
    # data/abjad.tsv: Arabic and Hebrew script write consonants and long vowels only, and
    # one letter for b and p; before, בני גנץ ~ Benny Gantz scored 0.01, بشار الأسد ~
    # Bashar al-Assad 0.19 (the article joined), فرناندو بيريز ~ Fernando Pérez 0.07
    assert compare(abjad, latin, kind=kind).score >= 0.85, (abjad, latin)


@pytest.mark.parametrize(
    ("abjad", "latin", "kind"),
    [
        ("יוסף כהן", "Yosef Katz", "person"),
        ("משה כהן", "Moshe Levi", "person"),
        ("דוד לוי", "David Levin", "person"),
        ("صدام حسين", "Hassan Nasrallah", "person"),
        ("حسن روحاني", "Hassan Nasrallah", "person"),
        ("محمود عباس", "Mahmoud Ahmadinejad", "person"),
        ("عمر البشير", "Omar Suleiman", "person"),
        ("دوشنبه", "Khujand", "place"),
        ("بغداد", "Bagram", "place"),
        ("حلب", "Halabja", "place"),
    ],
)
def test_abjad_names_of_others_stay_apart(abjad: str, latin: str, kind: str) -> None:
    assert compare(abjad, latin, kind=kind).score < 0.5, (abjad, latin)


@pytest.mark.parametrize(
    ("written", "latin", "fits"),
    [
        ("hsn", "Hassan", True),  # حسن
        ("hsn", "Hasan", True),
        ("hsin", "Hussein", True),  # حسين: its ye is a vowel Hassan lacks
        ("hsin", "Hassan", False),
        ("hsn", "Hussein", False),  # ei is a long vowel, which the script writes
        ("mhmd", "Muhammad", True),  # محمد
        ("mhmd", "Mohamed", True),
        ("mhmd", "Mahmoud", False),
        ("mhmud", "Mahmoud", True),  # محمود
        ("butin", "Putin", True),  # ب for p
        ("fladimir", "Vladimir", True),  # ف for v
        ("tramb", "Trump", True),  # alef for a foreign u
        ("zuahri", "Zawahiri", True),  # waw as the consonant
        ("bni", "Benny", True),  # בני
        ("qhn", "Cohen", True),  # כהן: kaf written q, so k and h stay two letters
        ("ytskhk", "Yitzhak", True),  # יצחק
        ("bshar", "Bashir", False),  # بشار: its alef is no i
        ("krim", "Karimov", False),
    ],
)
def test_abjad_fit(written: str, latin: str, fits: bool) -> None:
    from namematch.translit import abjad_fit, abjad_form

    abjad, other = "#" + abjad_form(written), latin.lower()
    assert abjad_fit(abjad, other) == abjad_fit(other, abjad) == float(fits)
    assert abjad_fit(abjad, abjad) == abjad_fit(other, other) == 0.0  # one side each


@pytest.mark.parametrize(
    ("cjk", "latin"),
    [
        ("김정은", "Kim Jong-un"), ("문재인", "Moon Jae-in"), ("박근혜", "Park Geun-hye"),
        ("이명박", "Lee Myung-bak"), ("윤석열", "Yoon Suk-yeol"), ("반기문", "Ban Ki-moon"),
        ("남궁민", "Namgung Min"), ("習近平", "Xi Jinping"), ("习近平", "Xi Jinping"),
        ("毛泽东", "Mao Zedong"), ("諸葛亮", "Zhuge Liang"), ("李克强", "Li Keqiang"),
        ("王毅", "Wang Yi"),
    ],
)
def test_a_solid_cjk_name_reads_family_name_first(cjk: str, latin: str) -> None:
    # data/cjk_surnames.tsv: one family name and one given name, Korean family names as
    # news spells them (이 Lee, 박 Park); before, 김정은 was one word, gimjeongeun (0.13)
    assert compare(cjk, latin, kind="person").score >= 0.85, (cjk, latin)


@pytest.mark.parametrize(
    ("a", "b"),
    [("김정은", "김정일"), ("박근혜", "박근해"), ("문재인", "문재원"), ("王小明", "王小红"),
     ("王小明", "李小明"), ("山田太郎", "山田次郎"), ("習近平", "習近"), ("诸葛亮", "诸葛明")],
)
def test_one_other_character_is_another_cjk_name(a: str, b: str) -> None:
    # a syllable is a character: other characters are another name, however alike the
    # letters read (before, 김정은 ~ 김정일 0.34 as one word, 山田太郎 ~ 山田次郎 0.98)
    assert compare(a, b, kind="person").score < 0.5, (a, b)


@pytest.mark.parametrize(
    ("name", "words"),
    [("블라디미르 푸틴", ("beulradimireu", "putin")),
     ("도널드 트럼프", ("doneoldeu", "teureompeu")),
     ("弗拉基米尔·普京", ("fulajimier", "pujing")), ("安倍 晋三", ("anbei", "jinsan"))],
)
def test_a_cjk_name_of_several_parts_keeps_each_part_whole(
        name: str, words: tuple[str, ...]) -> None:
    # a foreign name in Hangul or Han script sets its parts apart (a space, a middle
    # dot): no part is read as a family name and a given name (푸틴 is Putin, not Pu Tin)
    assert to_text(name).words == words
    assert "," not in "".join(to_text(name).cues)


@pytest.mark.parametrize(
    ("name", "words"),
    [("Ким Чен Ын", ("kim", "chen-yn")), ("Kim Jong Un", ("kim", "jong-un")),
     ("Пак Кын Хе", ("pak", "kyn-khe")), ("Ли Сын Ман", ("li", "syn-man")),
     ("Lee Ann Rimes", ("lee", "ann", "rimes")), ("Kim Jong-un", ("kim", "jong-un"))],
)
def test_a_korean_name_written_syllable_by_syllable(name: str, words: tuple[str, ...]
                                                    ) -> None:
    # data/cjk_surnames.tsv (Cyrillic and Latin spellings of Korean family names): three
    # words, a family name and two syllables, are a family name and one given name
    assert to_text(name).words == words


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("Ким Чен Ын", "Ким Чен Ир", False), ("Kim Jong Un", "Kim Jong Il", False),
     ("Ким Ир Сен", "Ким Чен Ир", False), ("Jean-Pierre Dupont", "Jean-Paul Dupont", False),
     ("Ким Чен Ын", "Ким Чен Ын", True), ("Kim Jong Un", "Kim Jong-un", True),
     ("Kim Jong-un", "Kim Jung-eun", True), ("Anna-Maria Petrova", "Anna-Marie Petrova", True)],
)
def test_hyphenated_given_names_compare_part_by_part(a: str, b: str, same: bool) -> None:
    # one part of a compound given name that shares under half its letters makes another
    # name: before, Ким Чен Ын ~ Ким Чен Ир scored 0.96 (a new user merged Kim Jong-un
    # with his father)
    # (the negatives score near 0.01, the positives 0.85-0.92: the decision threshold
    # tells them apart, whatever a refit does to the positives' last hundredths)
    assert (compare(a, b, kind="person").score >= 0.5) == same, (a, b)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=3,
                max_size=3), st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3))
def test_a_hangul_name_with_another_last_syllable_is_another_name(
        syllables: list[str], other: str) -> None:
    name = "".join(syllables)
    # syllables whose readings fold to one spelling (걋 gyas, 걌 gass) are one reading
    assume(parse(name, "person").given != parse(name[:-1] + other, "person").given)
    assert compare(name, name[:-1] + other, kind="person").score < 0.5
    assert compare(name, name, kind="person").score > 0.9


@pytest.mark.parametrize(
    ("foreign", "romanized"),
    [
        ("Leo Tolstoy", "Lev Tolstoi"),
        ("Peter Tschaikowsky", "Pyotr Tchaikovsky"),
        ("Pierre Bezukhov", "Pyotr Bezukhov"),
        ("Piotr Kropotkin", "Pyotr Kropotkin"),
        ("Alexander Solschenizyn", "Aleksandr Solzhenitsyn"),
        ("Alexandre Dugin", "Aleksandr Dugin"),
        ("Michael Gorbatschow", "Mikhail Gorbachev"),
        ("Michel Strogoff", "Mikhail Strogov"),
        ("George Zhukov", "Georgiy Zhukov"),
        ("Paul Miliukov", "Pavel Milyukov"),
        ("Catherine Romanova", "Yekaterina Romanova"),
        ("Eugene Onegin", "Yevgeniy Onegin"),
        ("Gregory Rasputin", "Grigoriy Rasputin"),
        ("Anthony Chekhov", "Anton Chekhov"),
        ("Nicholas Romanov", "Nikolay Romanov"),
        ("Mike Tyurin", "Mikhail Tyurin"),  # a short form of a foreign form
    ],
)
def test_a_given_name_in_another_language_is_the_same_name(
        foreign: str, romanized: str) -> None:
    # data/nicknames.tsv: the forms other languages give a Russian given name; before,
    # Leo Tolstoy ~ Lev Tolstoi scored 0.004 and Peter ~ Pyotr Tchaikovsky 0.19 (two known
    # given names that differ)
    assert compare(foreign, romanized, kind="person").score >= 0.85, (foreign, romanized)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Stefan Ryabets", "Stepan Ryabets"), ("Yakub Mamontov", "Yakov Mamontov"),
     ("Daniel Petrov", "Daniil Petrov"), ("Teodor Ivanov", "Fyodor Ivanov")],
)
def test_a_native_name_is_not_a_foreign_form(a: str, b: str) -> None:
    # Stefan is a Bulgarian and Ukrainian name of its own, Yakub (Якуб) a Tatar and
    # Uzbek one, Daniel and Teodor Bulgarian ones: not the foreign forms of Stepan,
    # Yakov, Daniil and Fyodor
    assert parse(a, "person").given != parse(b, "person").given, (a, b)


def test_every_hebrew_letter_has_a_reading() -> None:
    from namematch.tables import letter_maps

    plain = letter_maps("hebrew.tsv", "canonical")[0]
    for code in range(0x05D0, 0x05EB):  # alef to tav, final forms among them
        assert chr(code) in plain, f"{chr(code)} (U+{code:04X}) missing in data/hebrew.tsv"


@pytest.mark.parametrize(
    ("word", "rest"),
    [
        ("muhamadamin", "amin"),
        ("mkuhamadamin", "amin"),  # a letter added inside the prefix
        ("muhmadamin", "amin"),  # one dropped
        ("muhamdadamir", "amir"),
        ("muhamad", "muhamad"),  # the prefix alone is the name
        ("abdulo", "lo"),
        ("abudlo", "abudlo"),  # short prefixes match exactly only
        ("rustam", "rustam"),
    ],
)
def test_a_shared_given_prefix_is_found_through_one_typo(word: str, rest: str) -> None:
    assert after_prefix(word, lexicon().given_prefixes, 2) == rest


@pytest.mark.parametrize(
    ("polish", "english"),
    [("Czerepowiec", "Cherepoviek"), ("Kaczmarek", "Kachmarek"), ("Czernihów", "Chernihov"),
     ("Cserepovec", "Cherepovek"), ("Csongrád", "Chongrad"), ("Bacsó", "Bacho")],
)
def test_polish_cz_and_hungarian_cs_fold_as_ch(polish: str, english: str) -> None:
    assert fold_word(polish.lower())[0] == fold_word(english.lower())[0]


@pytest.mark.parametrize(
    ("word", "continental"),
    [("cerkiew", "tserkiev"), ("kelcai", "keltsai"), ("kilce", "kiltse"),
     ("czerepowiec", "cherepoviets"), ("cacak", "tsatsak"), ("lucani", "lutsani")],
)
def test_the_continental_reading_of_c_is_ts(word: str, continental: str) -> None:
    # English folding keeps its k (Victor, Viktor); places compare both readings
    assert fold_continental(word) == continental
    assert fold_word(word)[0] != continental


@pytest.mark.parametrize(
    ("a", "b"),
    [("Čačak", "Cacak"), ("Lučani", "Lucani"),
     ("Kielce", "Kieltse"), ("Cetinje", "Tsetinye")],
)
def test_places_compare_letters_in_the_continental_reading(a: str, b: str) -> None:
    assert compare(a, b, kind="place").score >= 0.5


# One place whose spellings differ by more than a convention: an exonym's own ending
# (Polish Cerkiew for Церква) or vowels besides the convention (Lithuanian Kelcai, Kilce
# for Kielce).  The place model puts them at its boundary, and a refit moves them across
# it: 0.50-0.52 at 3ec4900, 0.43-0.45 after the refit that moved places' held-out
# B-cubed F1 up (benchmarks/bench_quality.py --places: 0.842 -> 0.844, held-out countries
# 0.844 -> 0.851), 0.28-0.38 after the one that learnt Uzbek x (0.846, 0.854).  What
# must hold: the sounds agree and the pair is far above other places that share its
# sounds' first letters.
AT_THE_BOUNDARY = [
    ("Kelcai", "Kilce", "Kalush"),
    ("Bila Tserkva", "Biała Cerkiew", "Bila Krynytsia"),
    ("Biała Cerkiew", "Bila Tserkva", "Biała Podlaska"),
]


@pytest.mark.parametrize(("a", "b", "other"), AT_THE_BOUNDARY)
def test_places_beyond_one_convention_sit_at_the_boundary(a: str, b: str, other: str) -> None:
    comparison = compare(a, b, kind="place")
    score = comparison.score
    assert comparison.features["core_sound_sim"] == 1.0
    assert score >= 0.25  # 0.28-0.38 after the refit that learnt Uzbek x (Boxtar)
    assert score > compare(a, other, kind="place").score + 0.25


# (given name or initial, initial, agree): blocking's sound classes K (к, г, х) and S (с,
# з, ш, ж, ч, ц, дж) join letters an initial tells apart
INITIALS = [
    # velars
    ("Genko", "G.", True), ("Genko", "K.", False), ("Gennadiy", "H.", True),
    ("Hennadiy", "G.", True), ("Kirill", "K.", True), ("Kirill", "G.", False),
    ("Kirill", "Kh.", False), ("Khalid", "H.", True), ("Khalid", "X.", True),
    ("Khalid", "G.", False), ("Khalid", "K.", True), ("Chingiz", "Kh.", True),
    # X. alone: х in Uzbek Latin, кс in French (Xenia) and English
    ("Kseniya", "X.", True), ("Xurshid", "X.", True), ("Gennadiy", "X.", False),
    ("Qodir", "K.", True), ("Ghulom", "G.", True), ("Gulnora", "K.", False),
    ("Halima", "Kh.", True), ("Konstantin", "G.", False), ("Grigoriy", "Kh.", False),
    # sibilants
    ("Sergey", "S.", True), ("Sergey", "Zh.", False), ("Sergey", "Ch.", False),
    ("Sergey", "Ts.", False), ("Zhanna", "Zh.", True), ("Zhanna", "Ž.", True),
    ("Zhanna", "S.", False), ("Zhanna", "Z.", True), ("Sharif", "S.", True),
    ("Chingiz", "C.", True), ("Tsvetan", "T.", True), ("Sergey", "Sh.", False),
    ("Zakhar", "Z.", True), ("Zakhar", "S.", True), ("Zakhar", "Ch.", False),
    ("Shamil", "Sh.", True), ("Shamil", "Š.", True), ("Shamil", "Ch.", True),
    ("Shamil", "Zh.", False), ("Chingiz", "Ch.", True), ("Chingiz", "Č.", True),
    ("Chingiz", "Cz.", True), ("Chingiz", "Z.", False), ("Tsvetan", "Ts.", True),
    ("Tsvetan", "C.", True), ("Tsvetan", "Z.", True), ("Tsvetan", "Sh.", False),
    ("Dzhamshid", "J.", True), ("Dzhamshid", "D.", True), ("Dzhamshid", "S.", False),
    ("Svetlana", "Zh.", False),
]


@pytest.mark.parametrize(("word", "initial", "agree"), INITIALS)
def test_initials_agree_only_across_conventions(word: str, initial: str, agree: bool) -> None:
    # K. is к (or қ, or the first letter of Kh), G. г (or ғ), Kh. and X. х, H. Ukrainian г
    # or х; S. с (German з), Z. з (German ц), Zh. ж, Sh. ш, Ch. ч (French ш, German х),
    # Ts. ц, J. дж (French ж); one letter alone is also the first of a digraph (S. of
    # Sharif, Z. of Zhanna, C. of Chingiz): Genko is not K., Sergey is not Zh. or Sh.
    assert bool(initial_mask(word.lower()) & initial_mask(initial.lower())) == agree


def test_an_initial_of_another_letter_is_another_person() -> None:
    assert compare("Genko Milenkow", "K. Milenkow").score < 0.5
    assert compare("Genko Milenkow", "G. Milenkow").score >= 0.5
    assert compare("Sergey Ivanov", "Zh. Ivanov").score < 0.5
    assert compare("Sharif Nazarzoda", "S. Nazarzoda").score >= 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Lithuanian -as, -us, -is on a man's given name (and -as on his surname)
        ("Vladimir Putin", "Vladimiras Putinas"),
        ("Sergei Lavrov", "Sergejus Lavrovas"),
        ("Dmitry Sobolev", "Dmitrijus Sobolevas"),
        ("Yuri Gagarin", "Jurijus Gagarinas"),
        ("Aleksandr Lukashenko", "Aleksandras Lukašenka"),
        ("Nikolai Patrushev", "Nikolajus Patruševas"),
        ("Timur Mamontov", "Timuras Mamontovas"),
        ("Rustam Nazarov", "Rustamas Nazarovas"),
        ("Ivan Petrov", "Ivanas Petrovas"),
        ("Andrei Gurev", "Andrejus Gurjevas"),
        # Latvian -s, -is (Boriss: Борис)
        ("Muhammad Hasanov", "Muhammads Hasanovs"),
        ("Dmitry Medvedev", "Dmitrijs Medvedevs"),
        ("Yuri Gagarin", "Jurijs Gagarins"),
        ("Boris Yeltsin", "Boriss Jeļcins"),
        ("Denis Ivanov", "Deniss Ivanovs"),
        ("Artur Sharipov", "Arturs Šaripovs"),
        ("Karl Ozol", "Kārlis Ozols"),
    ],
)
def test_baltic_case_endings_are_one_name(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.8, (a, b)


@pytest.mark.parametrize(
    ("raw", "base"),
    [
        ("Vladimiras", "vladimir"),
        ("Vladimirs", "vladimir"),
        ("Sergejus", "sergei"),
        ("Aleksejs", "aleksei"),
        ("Ivanas", "ivan"),
        # Boriss and Denis go as far as the table allows, so the two spellings meet
        ("Boriss", parse("Boris Ivanov", "person").given_base),
        ("Deniss", parse("Denis Ivanov", "person").given_base),
        # no ending to strip: a vowel before the s, too little left, no known name left
        ("Ilyas", "ilyas"),
        ("Anas", "anas"),
        ("Firdavs", "firdavs"),
    ],
)
def test_given_base_strips_case_endings_to_a_known_name(raw: str, base: str) -> None:
    assert parse(f"{raw} Ivanov", "person").given_base == base


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a stripped ending never joins two given names the table knows apart
        ("Ilyas Petrov", "Ilya Petrov"),
        ("Marina Ivanova", "Maria Ivanova"),
        ("Vladimiras Putinas", "Vadimas Putinas"),
        ("Sergejus Lavrovas", "Georgijus Lavrovas"),
    ],
)
def test_baltic_endings_keep_other_names_apart(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.5, (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # c read as ц (Czech, Slovak, Croatian, Bulgarian streamlined, ISO 9)
        ("Galien Tsitskov", "Galien Cickov"),
        ("Tsvetan Tsekov", "Cvetan Cekov"),
        ("Yaryna Tsyutsyura", "Jarina Cjucjura"),
        ("Adrian Tsotsov", "COCOV Adrijan"),
        ("Tsvetana Tsaneva", "Cvetana Caneva"),
        # the same letters, marks dropped on one side (Czech, Croatian, Serbian Latin)
        ("Aleksandar Vučić", "Aleksandar Vucic"),
        ("Ivan Čačak", "Ivan Cacak"),
        ("Marko Kočić", "Marko Kocic"),
        ("Milica Đorđević", "Milica Dordevic"),
        ("Jiří Šťastný", "Jiri Stastny"),
    ],
)
def test_continental_and_unmarked_letters_score_as_one_person(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.7, (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # ё written е (ICAO, passports, most Russian print) against BGN/PCGN yo
        ("Alyona Ivanova", "Alena Ivanova"),
        ("Semyon Budyonny", "Semen Budennyi"),
        ("Artyom Dzyuba", "Artem Dziuba"),
        ("Fyodor Konyukhov", "Fedor Koniukhov"),
        ("Pyotr Ivanov", "Petr Ivanov"),
        ("Doniyor Ismoilov", "Donier Ismoilov"),
        ("Diyor Samandarov", "Dier Samandarov"),
        ("Bakhtiyor Rashidov", "Bakhtier Rashidov"),
        ("Parviz Ziyoev", "Parviz Zieev"),
    ],
)
def test_yo_written_without_dots_is_one_name(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.8, (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a word-initial glide is a letter of its own (ю, я), not a convention
        ("Yulia Ivanova", "Alla Ivanova"),
        ("Yana Ivanova", "Anna Ivanova"),
        ("Yana Petrova", "Ana Petrova"),
        ("Yuri Petrov", "Ura Petrov"),
        ("Yakov Ivanov", "Akov Ivanov"),
    ],
)
def test_initial_glide_tells_given_names_apart(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.5, (a, b)


@pytest.mark.parametrize(
    ("a", "b", "spelt"),
    [
        # the glide the only difference in long names: evidence against, not a verdict
        # (0.41-0.51 over the last refits, where one name's two spellings score 0.96)
        ("Yuliana Petrova", "Uliana Petrova", "Juliana Petrova"),
        ("Yulian Ivanov", "Ulian Ivanov", "Julian Ivanov"),
        ("Yuliya Petrova", "Uliya Petrova", "Julija Petrova"),
        ("Yanina Ivanova", "Anina Ivanova", "Janina Ivanova"),
    ],
)
def test_a_glide_alone_weighs_against(a: str, b: str, spelt: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["given_known_differ"] == 1.0
    assert comparison.score < 0.55
    assert comparison.score < compare(a, spelt, kind="person").score - 0.4


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        # the continental reading of ch (х), of word-initial j before a vowel (й) and of
        # dj (дя, дю: Czech, Polish, Baltic), beside the English one
        ("Iryna Chudjak", "Iryna Khudiak", "person"),
        ("Michail Chodorkovskij", "Mikhail Khodorkovsky", "person"),
        ("Nikita Chruščov", "Nikita Khrushchev", "person"),
        ("Jaropolk Djačkov", "Yaropolk Dyachkov", "person"),
        ("Anatolij Djatlov", "Anatoly Dyatlov", "person"),
        ("Charkiw", "Kharkiv", "place"),
        # ISO 9's û and â for ю and я
        ("Ûliâ Konstantinova", "Yulia Konstantinova", "person"),
        ("Ûrij Gagarin", "Yuri Gagarin", "person"),
        ("Mariâ Petrova", "Mariya Petrova", "person"),
        ("Natalʹâ Ivanova", "Natalya Ivanova", "person"),
        ("Âkub Mamontov", "Yakub Mamontov", "person"),
        ("Âroslav Âkovlev", "Yaroslav Yakovlev", "person"),
        ("Ârošenko Âna", "Yaroshenko Yana", "person"),
    ],
)
def test_continental_and_iso9_readings_score_as_one_name(a: str, b: str, kind: str) -> None:
    assert compare(a, b, kind=kind).score >= 0.8, (a, b)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("word", "continental"),
    [
        ("chudjak", "hudyak"),
        ("khudiak", "hudyak"),
        ("chruščov", "hrushov"),
        # German sch and tsch, and Czech č, keep their readings
        ("tscherepowez", "cherepovez"),
        ("schtscherbak", "sherbak"),
        ("čačak", "chachak"),
    ],
)
def test_fold_continental_reads_ch_as_kh(word: str, continental: str) -> None:
    assert fold_continental(word) == continental


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one given name, surnames two edits apart whose sounds differ: two people
        ("Angelina Kapustina", "Angelina Kostina"),
        ("Zoya Subbotina", "Zoya Shubina"),
        ("Irina Orekhova", "Irina Arkhipova"),
        ("Oleg Sokolov", "Oleg Sobolev"),
        ("Pavel Smirnov", "Pavel Semenov"),
        ("Igor Volkov", "Igor Vorobyov"),
    ],
)
def test_surnames_two_edits_apart_are_two_people(a: str, b: str) -> None:
    c = compare(a, b, kind="person")
    assert c.features["surname_unlike"] == 1.0 and c.score < 0.55, (a, b, c.score)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a typo is one edit, a swap of two letters included; a convention folds away
        ("Angelina Kostina", "Angelina Kostnia"),
        ("Zoya Shubina", "Zoya Shubnia"),
        ("Oleg Sokolov", "Oleg Sokolvo"),
        ("Irina Arkhipova", "Irina Arkhipowa"),
        ("Tamara Kuznetsova", "Tamara Kusnezowa"),
        # a typo that broke an ending is one edit from the ending's other form
        ("Abduhalim Nazarzoda", "Abduhalim Nazarnod"),
    ],
)
def test_one_edit_surnames_are_no_sign_of_two_people(a: str, b: str) -> None:
    c = compare(a, b, kind="person")
    assert c.features["surname_unlike"] == 0.0 and c.score >= 0.7, (a, b, c.score)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one side's surname is the word before the other's surname: a Spanish first
        # surname, an Arabic father's name before the family name
        ("Jose Maria Aznar", "José María Aznar López"),
        ("Gabriel García", "Gabriel García Márquez"),
        ("Pedro Sánchez", "Pedro Sánchez Pérez-Castejón"),
        ("Andrés Manuel López", "Andrés Manuel López Obrador"),
        ("Mariano Rajoy", "Mariano Rajoy Brey"),
        ("Mohammed bin Salman", "Mohammad bin Salman Al Saud"),
        ("Abdullah bin Zayed", "Abdullah bin Zayed Al Nahyan"),
    ],
)
def test_a_second_surname_is_no_contradiction(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.8, (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the surnames align, the given names still tell two people apart
        ("Ana Garcia", "Gabriel Garcia Marquez"),
        ("Jose Aznar", "Maria Aznar Lopez"),
        ("Pedro Sánchez", "Manuel Sánchez Pérez"),
    ],
)
def test_a_second_surname_keeps_other_given_names_apart(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.5, (a, b)


ENGLISH_SHORT_FORMS = [
    ("Bill Clinton", "William Clinton"),
    ("Bob Dylan", "Robert Dylan"),
    ("Dick Cheney", "Richard Cheney"),
    ("Ted Kennedy", "Edward Kennedy"),
    ("Jim Baker", "James Baker"),
    ("Mike Pompeo", "Michael Pompeo"),
    ("Liz Truss", "Elizabeth Truss"),
    ("Peggy Noonan", "Margaret Noonan"),
    ("Chuck Schumer", "Charles Schumer"),
    ("Tony Blair", "Anthony Blair"),
    # a short form written first is the given name (Kate was read as a surname)
    ("Kate Jones", "Katherine Jones"),
    ("Katie Holmes", "Katherine Holmes"),
    ("Jen Aniston", "Jennifer Aniston"),
    ("Gerry Adams", "Gerald Adams"),
]


@pytest.mark.parametrize(("a", "b"), ENGLISH_SHORT_FORMS)
def test_english_short_forms_are_their_full_names(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.9, (a, b)


def test_short_forms_of_given_names_meet_in_blocking() -> None:
    # a short form that starts otherwise (Bill, William; Sasha, Aleksandr) shares the
    # full name's keys
    pairs = [*ENGLISH_SHORT_FORMS, ("Sasha Ivanov", "Aleksandr Ivanov"),
             ("Zhenya Petrova", "Yevgeniya Petrova")]
    names = [n for pair in pairs for n in pair]
    ia, ib, _ = name_candidates(["person"] * len(names), names)
    found = {(names[i], names[j]) for i, j in zip(ia.tolist(), ib.tolist(), strict=True)}
    assert all(pair in found or pair[::-1] in found for pair in pairs)


@pytest.mark.parametrize(("a", "b"), [("Bill Smith", "Bob Smith"),
                                      ("Ted Jones", "Tom Jones"),
                                      ("Liz Brown", "Kate Brown")])
def test_short_forms_of_other_names_still_differ(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.5, (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Abd al- written as a word of its own joins the name after it
        ("Abdul Rashid Dostum", "Abdurashid Dostum"),
        ("Abd al-Rashid Dostum", "Abdurrashid Dostum"),
        ("Abdul Ghani Baradar", "Abdulghani Baradar"),
        ("Abdul Rahman Nazarov", "Abdurahmon Nazarov"),
        ("Dostum, Abdul Rashid", "Abdurashid Dostum"),
        ("Abdul Karim Khalili", "Abdulkarim Khalili"),
    ],
)
def test_a_prefix_written_apart_joins_its_name(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.9, (a, b)


def test_a_prefix_written_apart_keeps_two_word_names() -> None:
    # Abdul Rashid alone: a given name and a surname, not one word
    assert [p.role for p in parse("Abdul Rashid", "person").parts] == ["given", "surname"]
    assert compare("Abdul Rashid Dostum", "Abdul Rahim Dostum", kind="person").score < 0.5


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        # Arabic ذ and Hindi ध written dh or d
        ("Muammar Gaddafi", "Moammar Qadhafi", "person"),
        ("Mahatma Gandhi", "Mahatma Gandi", "person"),
        ("Dhaka", "Daka", "place"),
        ("Abu Dhabi", "Abu Dabi", "place"),
        # kh folded to h after a d is no dh (Tajik -khon)
        ("Mahmudkhon Aliev", "Mahmudhon Aliev", "person"),
    ],
)
def test_dh_written_d_is_one_name(a: str, b: str, kind: str) -> None:
    assert compare(a, b, kind=kind).score >= 0.85, (a, b)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one Arabic name whose vowels differ across languages (data/nicknames.tsv)
        ("Ahmed Hassan", "Ahmad Hasan"),
        ("Yusuf Islam", "Youssef Islam"),
        ("Younes Ali", "Yunus Ali"),
        ("Javed Akhtar", "Javad Akhtar"),
        ("Mehmet Aliev", "Muhammad Aliev"),
    ],
)
def test_vowel_variants_of_one_arabic_name_are_one_name(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.9, (a, b)


def test_vowel_variants_keep_other_arabic_names_apart() -> None:
    # Jamal and Jamil, Kamal and Kamil are two names: vowel groups still tell them apart
    assert compare("Jamal Khashoggi", "Jamil Khashoggi", kind="person").score < 0.5
    assert compare("Kamal Aliev", "Kamil Aliev", kind="person").score < 0.5


def test_baltic_endings_on_the_tables_given_names() -> None:
    # 300 men's names of data/given_names.tsv in BGN/PCGN, with the Latvian -s and the
    # Lithuanian -as on the given name and the surname (measured: 472 of 472 at 0.8 or
    # more; prefixed names like Abdukadiras failed before the known-name key read the base
    # with its prefix)
    import random

    from namematch.tables import load_table

    men = [r["name"] for r in load_table("given_names.tsv",
                                         ("name", "gender", "language", "source"))
           if r["gender"] == "m"]
    latin = [romanize(n, "bgn") for n in random.Random(11).sample(men, 300)]
    pairs = [(f"{g} Petrov", f"{g}{end} Petrov{end}") for g in latin
             if g and g[-1].lower() not in "aeiouy" for end in ("s", "as")]
    scores = [compare(a, b, kind="person").score for a, b in pairs]
    assert len(pairs) > 400
    assert sum(s >= 0.8 for s in scores) / len(scores) >= 0.99


# the hard sign ъ as transliteration writes it: ISO 9 and the Bulgarian scientific system
# ʺ, others a double quote or a double prime between two letters; it is a letter mark,
# so the word stays whole (it split "P”kov" into an initial P and a surname Kov before)
HARD_SIGNS = [
    ("Пъков", "Pʺkov"), ("Пъков", "P”kov"), ("Въртунински", "V”rtuninski"),
    ("Първанов", 'P"rvanov'), ("Гълъбов", "Gʺlʺbov"), ("Събев", "S″bev"),
    ("Мъглов", "M”glov"), ("Объедков", "Obʺedkov"), ("Подъячев", "Podʺjačev"),
    ("Стъпков", "Stʺpkov"), ("Дънков", 'D"nkov'), ("Ангелъ", "Angelʺ"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), HARD_SIGNS)
def test_a_hard_sign_keeps_its_word_whole(cyrillic: str, latin: str) -> None:
    assert len(to_text(latin).words) == 1
    for given_name in ("Gercho", "Zlatko Ivanov"):
        a, b = f"{given_name} {cyrillic}", f"{latin}, {given_name}"
        assert compare(a, b, kind="person").score >= 0.8, (a, b)
        pairs_a, _, _ = name_candidates(["person", "person"], [a, b])
        assert len(pairs_a) == 1, (a, b)


def test_a_quoted_name_is_still_quoted() -> None:
    # a double quote at a word's edge is a quotation mark, not a hard sign
    assert to_text('“Ivan” Petrov').words == ("ivan", "petrov")
    assert to_text('"Ivan" Petrov').words == ("ivan", "petrov")


# Ukrainian surnames in -ин/-ишин take no feminine ending, yet Russian reads -in as a
# man's: a woman's patronymic says she is a woman however her surname ends, and each
# source of gender is compared with its own kind only (these scored 0.05-0.24)
INVARIANT_SURNAMES = [
    ("Вікторія Борисівна Гаврилишин", "Viktoriia Borysivna Havrylyshyn"),
    ("Оксана Петрівна Романишин", "Oksana Petrivna Romanyshyn"),
    ("Ірина Василівна Костишин", "Iryna Vasylivna Kostyshyn"),
    ("Марія Іванівна Федишин", "Mariia Ivanivna Fedyshyn"),
    ("Галина Степанівна Гринишин", "Halyna Stepanivna Hrynyshyn"),
    ("Наталія Ігорівна Олексин", "Nataliia Ihorivna Oleksyn"),
    ("Ганна Михайлівна Пасічин", "Hanna Mykhailivna Pasichyn"),
    ("Софія Романівна Ткачишин", "Sofiia Romanivna Tkachyshyn"),
    ("Viktoriya Borisivna Gavrilishin", "Viktoriia Borysivna Havrylyshyn"),
]


@pytest.mark.parametrize(("a", "b"), INVARIANT_SURNAMES, ids=[b for _, b in INVARIANT_SURNAMES])
def test_a_womans_patronymic_outweighs_a_surname_ending(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.75, (a, b)  # 0.80-0.96 across refits


@pytest.mark.parametrize(("a", "b"), [
    ("Oksana Petrivna Romanyshyn", "Oksana Petrovych Romanyshyn"),  # patronymics
    ("Maria Petrovna Ivanova", "Maria Petrovich Ivanov"),  # both
    ("Ivanova", "Ivanov"),  # surnames
])
def test_genders_still_contradict_by_one_source(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.5, (a, b)


EAST_SLAVIC_FORMS = [
    # Ukrainian and Belarusian forms of a Russian given name (data/nicknames.tsv), in the
    # national romanization and in Cyrillic; Belarusian surname endings (-au, -ava, -enka)
    ("Mykola Azarov", "Nikolai Azarov"), ("Oleksandr Turchynov", "Aleksandr Turchinov"),
    ("Olha Stefanishyna", "Olga Stefanishina"), ("Yevhen Marchuk", "Yevgeny Marchuk"),
    ("Hryhoriy Omelchenko", "Grigory Omelchenko"), ("Dmytro Kuleba", "Dmitry Kuleba"),
    ("Mykhailo Podolyak", "Mikhail Podolyak"), ("Heorhiy Tuka", "Georgy Tuka"),
    ("Kateryna Yushchenko", "Yekaterina Yushchenko"), ("Olena Zelenska", "Yelena Zelenskaya"),
    ("Kyrylo Budanov", "Kirill Budanov"), ("Danylo Hetmantsev", "Daniil Getmantsev"),
    ("Halyna Hrytsenko", "Galina Gritsenko"), ("Nadiya Savchenko", "Nadezhda Savchenko"),
    ("Микола Азаров", "Николай Азаров"), ("Михайло Подоляк", "Михаил Подоляк"),
    ("Alyaksandr Lukashenka", "Aleksandr Lukashenko"), ("Zmitser Dashkevich", "Dmitry Dashkevich"),
    ("Mikola Statkevich", "Nikolai Statkevich"), ("Volha Kavalkova", "Olga Kovalkova"),
    ("Yauhen Afnahel", "Yevgeny Afnagel"), ("Ryhor Kastusiou", "Grigory Kostusev"),
    ("Andrei Sannikau", "Andrei Sannikov"), ("Maryia Kalesnikava", "Mariya Kolesnikova"),
    ("Аляксандр Лукашэнка", "Александр Лукашенко"), ("Вольга Кавалькова", "Ольга Ковалькова"),
]


@pytest.mark.parametrize(("a", "b"), EAST_SLAVIC_FORMS, ids=[a for a, _ in EAST_SLAVIC_FORMS])
def test_ukrainian_and_belarusian_forms_meet_the_russian(a: str, b: str) -> None:
    _one_name_and_a_candidate_pair(a, b)


def _one_name_and_a_candidate_pair(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.75  # 0.785-0.99 across refits (Khashoggi lowest)
    first, second = name_candidates(["person", "person"], [a, b])[:2]
    assert list(zip(first.tolist(), second.tolist(), strict=True)) == [(0, 1)]


@pytest.mark.parametrize(("a", "b"), [
    ("Mykola Azarov", "Oleksiy Azarov"), ("Petro Poroshenko", "Pavlo Poroshenko"),
    ("Yevhen Marchuk", "Yehor Marchuk"), ("Zmitser Dashkevich", "Mikola Dashkevich"),
    ("Volha Kavalkova", "Alena Kavalkova"), ("Andrei Sannikau", "Andrei Sannikava"),
])
def test_other_east_slavic_given_names_still_differ(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.5


WADE_GILES = [
    # one Chinese name in pinyin and in Wade-Giles (namematch.sino), apostrophes kept or
    # dropped, hyphenated or solid, either word first
    ("Mao Zedong", "Mao Tse-tung"), ("Deng Xiaoping", "Teng Hsiao-p'ing"),
    ("Zhou Enlai", "Chou En-lai"), ("Xi Jinping", "Hsi Chin-p'ing"),
    ("Hu Jintao", "Hu Chin-tao"), ("Wen Jiabao", "Wen Chia-pao"),
    ("Zhu Rongji", "Chu Jung-chi"), ("Lin Biao", "Lin Piao"),
    ("Jiang Jingguo", "Chiang Ching-kuo"), ("Li Xiannian", "Li Hsien-nien"),
    ("Zhao Ziyang", "Chao Tzu-yang"), ("Liu Shaoqi", "Liu Shao-ch'i"),
    ("Zhu De", "Chu Te"), ("Tse-tung Mao", "Mao Zedong"),
]


@pytest.mark.parametrize(("a", "b"), WADE_GILES, ids=[a for a, _ in WADE_GILES])
def test_pinyin_and_wade_giles_are_one_name(a: str, b: str) -> None:
    _one_name_and_a_candidate_pair(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Mao Zedong", "Mao Anying"), ("Zhou Enlai", "Zhou Xiaoping"), ("Xi Jinping", "Xi Zhongxun"),
    ("Deng Xiaoping", "Deng Pufang"), ("Li Peng", "Li Na"),
    # a syllable more is another name, whatever the letters share (namematch.sino.differ)
    ("李克强", "Li Qiang"), ("Li Keqiang", "Li Qiang"), ("Xi Jinping", "Xi Jin"),
    ("Wang Yi", "Wang Yiming"),
    # a Western given name on a Chinese family name is not read as Chinese: d and t are
    # what pinyin and Wade-Giles confuse, Dina and Tina are two names
    ("Dina Li", "Tina Li"), ("Lena Ma", "Lena Bao"),
])
def test_other_chinese_names_still_differ(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.5


def test_chinese_words_cut_into_fewest_syllables() -> None:
    from namematch.sino import reading, word_readings

    assert word_readings("xiaoping") == (("hsiaoping",), 2)
    assert word_readings("hsiao-p'ing") == (("hsiaoping",), 2)
    assert word_readings("chi")[0] == ("chi", "chih")  # pinyin chi and Wade-Giles chi (ji)
    assert word_readings("ivanova") == ((), 0)
    assert reading(parse("Anna Ivanova", "person")) == ""
    assert reading(parse("Mao Zedong", "person")) == "1:mao 2:tsetung"


AZERI_AND_ESTONIAN = [
    # Azerbaijani ə (U+0259, outside Latin Extended-B: it used to split a word, Heydər read
    # as heyd + r) is a; Estonian and Finnish write ч tš and щ štš
    ("Elmar Məmmədyarov", "Elmar Mammadyarov"), ("Əli Həsənov", "Ali Hasanov"),
    ("Rəşad Nəbiyev", "Rashad Nabiyev"), ("Heydər Əliyev", "Гейдар Алиев"),
    ("İlham Əliyev", "Ilham Aliyev"), ("Mehriban Əliyeva", "Mehriban Aliyeva"),
    ("Nikita Hruštšov", "Nikita Khrushchev"), ("Pjotr Tšaikovski", "Pyotr Tchaikovsky"),
    ("Mihhail Gorbatšov", "Mikhail Gorbachev"), ("Viktor Tšernomõrdin", "Viktor Chernomyrdin"),
    ("Mykyta Poturaiev", "Nikita Poturayev"), ("Yukhym Zvyahilsky", "Yefim Zvyagilsky"),
]


@pytest.mark.parametrize(("a", "b"), AZERI_AND_ESTONIAN, ids=[a for a, _ in AZERI_AND_ESTONIAN])
def test_azeri_schwa_and_estonian_ch_meet_their_spellings(a: str, b: str) -> None:
    _one_name_and_a_candidate_pair(a, b)


def test_a_schwa_stays_inside_its_word() -> None:
    assert to_text("İlham Heydər oğlu Əliyev").words == ("ilham", "heydər", "oğlu", "əliyev")


GENDER_FORMS = [
    # a man's and a woman's form of one given name (data/given_names.tsv genders) on a
    # surname with one form for both: two people (a cannot-link)
    ("Oleksandr Kovalenko", "Oleksandra Kovalenko"), ("Yevgeniy Tkachuk", "Yevgeniya Tkachuk"),
    ("Valentin Rahmonzoda", "Valentina Rahmonzoda"), ("Ruslan Petrosyan", "Ruslana Petrosyan"),
    ("Stanislav Boyko", "Stanislava Boyko"), ("Maria Garcia", "Mario Garcia"),
    ("Daniel Craig", "Daniela Craig"), ("Eric Johnson", "Erica Johnson"),
    ("Ivan Horvat", "Ivana Horvat"), ("Farhod Karimzoda", "Farhoda Karimzoda"),
    # English names the Russian table lacks (data/given_names_en.tsv)
    ("John Smith", "Jane Smith"), ("Francis Bacon", "Frances Bacon"),
    ("Kamil Hasanzoda", "Kamila Hasanzoda"), ("Farid Mirzoyan", "Farida Mirzoyan"),
]


@pytest.mark.parametrize(("a", "b"), GENDER_FORMS, ids=[a for a, _ in GENDER_FORMS])
def test_a_mans_and_a_womans_given_name_are_two_people(a: str, b: str) -> None:
    c = compare(a, b, kind="person")
    assert c.score < 0.5 and c.features["gender_conflict"] == 1.0


@pytest.mark.parametrize(("a", "b"), [
    ("Yevgeniya Tkachuk", "Evgenia Tkachuk"), ("Jewgenija Tkatschuk", "Yevgeniya Tkachuk"),
    ("Sasha Kovalenko", "Oleksandra Kovalenko"), ("Aleksandra Ivanova", "Alexandra Ivanova"),
])
def test_spellings_of_one_given_name_keep_its_gender(a: str, b: str) -> None:
    # Sasha is a short form of both: its gender is not Aleksandr's
    assert compare(a, b, kind="person").features["gender_conflict"] == 0.0


@pytest.mark.parametrize(("a", "b"), [
    ("Βλαδίμηρος Πούτιν", "Vladimir Putin"), ("Vladimiros Putin", "Vladimir Putin"),
    ("Μπορίσος Γιέλτσιν", "Boris Yeltsin"),
])
def test_a_greek_case_ending_on_a_borrowed_given_name(a: str, b: str) -> None:
    # data/given_endings.tsv: Greek gives a borrowed man's name -ος, as Lithuanian -as
    assert compare(a, b, kind="person").score >= 0.8


ARABIC_READINGS = [
    # ج read g as Egypt reads it, ق g as Libya and the Gulf do (data/abjad_readings.tsv);
    # titles written in Arabic or Persian script (data/titles.tsv)
    ("جمال عبد الناصر", "Gamal Abdel Nasser"), ("جمال عبد الناصر", "Jamal Abd al-Nasir"),
    ("جمال خاشقجي", "Jamal Khashoggi"), ("قاسم سليماني", "Ghasem Soleimani"),
    ("الرئيس بشار الأسد", "Bashar al-Assad"), ("آية الله علي خامنئي", "Ali Khamenei"),
    ("الشيخ محمد بن راشد", "Mohammed bin Rashid"), ("آقای حسن روحانی", "Hassan Rouhani"),
]


@pytest.mark.parametrize(("a", "b"), ARABIC_READINGS, ids=[b for _, b in ARABIC_READINGS])
def test_arabic_dialect_readings_and_titles(a: str, b: str) -> None:
    _one_name_and_a_candidate_pair(a, b)


def test_a_latin_title_is_no_word_of_an_arabic_name() -> None:
    # معمر (Muammar) has no short vowels: mmr, folded as the English title Mr
    assert [p.role for p in parse("معمر القذافي", "person").parts if p.role == "title"] == []
    assert compare("جمال خاشقجي", "Kamal Khashoggi", kind="person").score < 0.5


@pytest.mark.parametrize(("a", "b"), [
    # both with several given names, each with one the other lacks: other people
    ("Ahmad Zia Massoud", "Ahmad Shah Massoud"), ("Maria Jose Garcia", "Maria Luisa Garcia"),
    ("Jose Maria Aznar", "Jose Luis Aznar"), ("Abdullo Karim Nazarov", "Abdullo Rustam Nazarov"),
    ("Ali Akbar Velayati", "Ali Asghar Velayati"),
])
def test_other_second_given_names_are_other_people(a: str, b: str) -> None:
    c = compare(a, b, kind="person")
    assert c.score < 0.5 and c.features["given_differ"] == 1.0


@pytest.mark.parametrize(("a", "b"), [
    ("Mohammad Javad Zarif", "Mohammed Jawad Zarif"), ("Ahmad Shah Massoud", "Ahmad Shah Masood"),
    # German dsch is j (one sound code); the parser misreads the order of this one
    ("Mohammad Dschawad Sarif", "Mohammad Javad Zarif"),
    ("Ahmed Schah Massud", "Ahmad Shah Massoud"),
    ("Alexandre Boris de Pfeffel Johnson", "Boris Johnson"),
    ("Jose Maria Aznar", "José María Aznar López"),
])
def test_several_given_names_spelt_otherwise_or_in_part_are_one_person(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.8


@pytest.mark.parametrize(("a", "b"), [
    # ع inside a word is any vowels or none in Latin (Mu'ammar); dh read before h, as ذ
    ("معمر القذافي", "Muammar al-Qadhafi"), ("معاذ", "Muadh"), ("عثمان", "Uthman"),
    ("نعيم قاسم", "Naim Qassem"), ("جعفر نميري", "Jaafar Nimeiry"),
])
def test_ayn_and_dh_in_arabic_names(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score >= 0.8


def test_a_name_form_never_takes_a_gender_its_full_name_lacks() -> None:
    # the given-name list is machine-tagged; a form of data/nicknames.tsv tagged against
    # its full name would make a cannot-link between one woman's two spellings
    from namematch.parse import lexicon

    lex = lexicon()
    wrong = [(form, full) for form, full in lex.nicknames.items()
             if {lex.given_genders.get(form), lex.given_genders.get(full)} == {"m", "f"}]
    assert wrong == []


@pytest.mark.parametrize(("a", "b"), [
    ("Svitlana Zalishchuk", "Svetlana Zalishchuk"),  # OpenCorpora tags свитлана a man's name
    ("Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya"),
    ("Oleksandra Matviichuk", "Aleksandra Matviychuk"),
    ("Kateryna Yushchenko", "Yekaterina Yushchenko"),
    ("Tetiana Kovalenko", "Tatyana Kovalenko"),
    ("Halyna Hutsol", "Galina Gutsol"),
    ("Volha Karach", "Olga Karach"),
])
def test_a_womans_ukrainian_or_belarusian_form_is_her_russian_name(a: str, b: str) -> None:
    comparison = compare(a, b, kind="person")
    assert comparison.features["gender_conflict"] == 0.0
    assert comparison.score >= 0.5


@pytest.mark.parametrize(("a", "b", "same"), [
    # a hyphenated given name against its words written apart, spelt otherwise
    ("Jean-Claude Juncker", "Jean Claude Junker", True),
    ("Kassym-Jomart Tokayev", "Kasym Jomart Tokaev", True),
    ("Kassym-Jomart Tokayev", "Kasım Jomart Tokayev", True),
    ("Anna-Maria Schmidt", "Anna Marie Schmidt", True),
    ("Jean-Paul Sartre", "Jean Paul Satre", True),
    ("Jean-Pierre Dupont", "Jean Pierre Dupond", True),
    # ... and against other words after the same first part: other names
    ("Anna-Maria Schmidt", "Anna Sofia Schmidt", False),
    ("Jean-Pierre Dupont", "Jean Paul Dupont", False),
    ("Marie-Claire Dubois", "Marie Louise Dubois", False),
    ("Kassym-Jomart Tokayev", "Kasym Nurlan Tokayev", False),
])
def test_a_hyphenated_given_name_is_its_words_written_apart(a: str, b: str, same: bool) -> None:
    assert (compare(a, b, kind="person").score >= 0.5) is same


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Martin Luther King Jr.", "Martin Luther King III"),
        ("John Smith Jr.", "John Smith Sr."),
        ("Henry Ford II", "Henry Ford III"),
        ("George Washington Carver II", "George Washington Carver IV"),
        ("Robert Downey Sr.", "Robert Downey Jr"),
        ("Ken Griffey Junior", "Ken Griffey Senior"),
        ("Иван Петров младший", "Ivan Petrov Sr."),
        ("Алексей Толстой старший", "Aleksei Tolstoi mladshii"),
        ("Alexandre Dumas fils", "Alexandre Dumas père"),
        ("Nelson Piquet Filho", "Nelson Piquet Sr."),
        ("Julio Iglesias Hijo", "Julio Iglesias III"),
    ],
)
def test_two_generations_of_a_family_are_two_people(a: str, b: str) -> None:
    # a generational suffix (data/generation_suffixes.tsv) against another: a
    # contradiction (0.97-0.999 before: Jr. and III were read as initials, ii and iii fold
    # alike)
    c = compare(a, b, kind="person")
    assert c.features["generation_conflict"] == 1.0 and c.score < 0.5, (a, b, c.score)


@pytest.mark.parametrize(
    ("a", "b", "identical"),
    [
        ("John Smith Jr.", "John Smith II", True),  # one generation, as most write them
        ("Martin Luther King Jr.", "King, Martin Luther, Jr.", True),
        ("Sammy Davis Jr", "Sammy Davis Junior", True),
        ("Martin Luther King Jr.", "Martin Luther King", False),
        ("Henry Ford II", "Henry Ford", False),
        ("John Smith Jr.", "Jon Smith Junior", False),
        ("Алексей Толстой младший", "Aleksey Tolstoy Jr.", True),
        ("Alexandre Dumas fils", "Aleksandr Dyuma", False),
    ],
)
def test_a_suffix_on_one_side_or_of_one_generation_is_no_contradiction(
        a: str, b: str, identical: bool) -> None:
    c = compare(a, b, kind="person")
    assert c.features["generation_conflict"] == 0.0 and c.score >= 0.85, (a, b, c.score)
    assert c.identical == identical


@pytest.mark.parametrize(
    ("raw", "roles", "generation"),
    [
        ("Martin Luther King Jr.", ("given", "given", "surname", "suffix"), 2),
        ("Henry Ford III", ("given", "surname", "suffix"), 3),
        ("King, Martin Luther, Jr.", ("surname", "given", "given", "suffix"), 2),
        ("Ivan Petrov ml.", ("given", "surname", "initial"), 0),  # an abbreviation: none
        ("Smith Jr.", ("surname", "initial"), 0),  # one name word: Jr. is not read so
        ("John Junior", ("given", "surname"), 0),  # nor a name's last word of two
        ("Ivan Petrov V", ("given", "surname", "initial"), 0),  # V, I: initials
    ],
)
def test_a_generational_suffix_is_read_after_two_name_words(
        raw: str, roles: tuple[str, ...], generation: int) -> None:
    name = parse(raw, "person")
    assert tuple(p.role for p in name.parts) == roles
    assert name.generation == generation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Eastern Armenian (BGN/PCGN) against Western Armenian, the diaspora's spelling:
        # the stops swap voicing (data/western_armenian.tsv)
        ("Hakob Hakobyan", "Hagop Hagopian"),
        ("Armen Petrosyan", "Armen Bedrosian"),
        ("Ara Gevorgyan", "Ara Kevorkian"),
        ("Grigor Grigoryan", "Krikor Krikorian"),
        ("Tigran Mkrtchyan", "Dikran Mgrdichian"),
        ("Karapet Karapetyan", "Garabed Garabedian"),
        ("Poghos Poghosyan", "Boghos Boghossian"),
        ("Avetik Avetisyan", "Avedik Avedisian"),
        ("Ashot Baghdasaryan", "Ashod Paghtasarian"),
        ("Tigran Sargsyan", "Dikran Sarkissian"),
        ("Aram Khachaturyan", "Aram Khatchadourian"),
        ("Hagopian", "Hakobyan"),
    ],
)
def test_western_and_eastern_armenian_are_one_name(a: str, b: str) -> None:
    # 0.003-0.83 before (Hakob Hakobyan ~ Hagop Hagopian 0.003), and no candidate pair
    assert compare(a, b, kind="person").score >= 0.8, (a, b)
    found = name_candidates(["person", "person"], [a, b])
    assert (found[0].tolist(), found[1].tolist()) == ([0], [1])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hakob Hakobyan", "Gagik Hakobyan"),  # other given names stay other
        ("Armen Petrosyan", "Armen Bedoyan"),
        ("Tigran Petrosyan", "Tigran Bedrosov"),  # only where both surnames are Armenian
        ("Ivan Petrov", "Ivan Bedrov"),
        ("Gevorg Gasparyan", "Gevorg Kasparov"),
        # two Eastern spellings are read as written: other families (0.70-0.89 when the
        # reading applied to them: a new user's trial of 4bc77a7)
        ("Davit Babayan", "Davit Papayan"),
        ("Suren Papikyan", "Suren Babikyan"),
        ("Arman Dadayan", "Arman Tatayan"),
        ("Ara Babloyan", "Ara Papoyan"),
        ("Davit Babayan", "Davit Papyan"),
    ],
)
def test_the_armenian_reading_does_not_join_other_names(a: str, b: str) -> None:
    assert compare(a, b, kind="person").score < 0.5, (a, b)
