"""Bokmål sentences in the register of research interviews, written for the
test model: the interviewer's questions and the participant's answers, with
hesitations ("eh", "liksom", "altså"), times and numbers.

Sentences are made from templates and word lists with a fixed seed, so the
same call always gives the same sets:

- train: what the model learns from;
- held_out: sentences not in train, every word of which occurs in train;
- out_of_vocabulary: the same templates filled from a second set of word
  lists whose words never occur in train (the model cannot know them; their
  error rate is measured, not promised).
"""

import itertools
import random
import re

HESITATIONS = ['Eh,', 'Ehm,', 'Altså,', 'Ja,', 'Nei,', 'Tja,', 'Hm,', 'Jo,']
FILLERS = ['liksom', 'på en måte', 'egentlig', 'vel', 'jo', 'altså']
ADVERBS = ['veldig', 'ganske', 'litt', 'egentlig', 'ikke så', 'helt', 'nesten', 'kjempe']

# Word lists for the training vocabulary, and disjoint ones for out-of-vocabulary sentences.
IN_VOCABULARY = {
    'topic': ['arbeidsdagen', 'hverdagen', 'økonomien', 'helsa', 'flyttingen', 'samarbeidet', 'ventetiden',
              'behandlingen', 'skolen', 'boligen', 'familien', 'jobben', 'sykdommen', 'utdanningen',
              'møtet', 'prosjektet', 'naboskapet', 'fritiden', 'ferien', 'opplæringen'],
    'person': ['kollegaene mine', 'sjefen min', 'familien min', 'naboen', 'legen', 'læreren', 'barna',
               'mora mi', 'faren min', 'venninna mi', 'kona mi', 'mannen min', 'broren min',
               'søstera mi', 'saksbehandleren', 'vennene mine'],
    'place': ['på jobben', 'hjemme', 'på skolen', 'på sykehuset', 'i kommunen', 'på kontoret',
              'i barnehagen', 'i byen', 'på hytta', 'på butikken', 'i Bergen', 'i Oslo', 'på landet',
              'i Tromsø'],
    'past': ['snakket med', 'møtte', 'ringte', 'hjalp', 'besøkte', 'spurte', 'savnet', 'så'],
    'infinitive': ['snakke med', 'møte', 'ringe', 'hjelpe', 'besøke', 'spørre', 'savne', 'forstå'],
    'adjective': ['vanskelig', 'fint', 'krevende', 'rart', 'tungt', 'greit', 'spennende', 'skummelt',
                  'trygt', 'slitsomt', 'viktig', 'morsomt', 'stressende', 'kjedelig', 'godt', 'ille'],
    'time': ['i går', 'i fjor', 'forrige uke', 'i sommer', 'i vinter', 'på mandag', 'i helgen',
             'i morges', 'etterpå', 'den gangen', 'i starten', 'til slutt'],
    'reason': ['for vi hadde ikke nok tid', 'fordi ingen hørte på oss', 'men det gikk bra til slutt',
               'og det var ingen som sa noe', 'for det skjedde så mye', 'men jeg lærte mye',
               'fordi jeg var så sliten', 'og vi måtte vente lenge'],
}

OUT_OF_VOCABULARY = {
    'topic': ['pensjonen', 'tannlegen', 'permitteringen', 'skilsmissen', 'innvandringen', 'regnskapet',
              'turnusen', 'rehabiliteringen'],
    'person': ['svigermora mi', 'bestefaren min', 'fastlegen', 'rektoren', 'tillitsvalgte', 'fysioterapeuten',
               'kusinen min', 'verksmesteren'],
    'place': ['på verkstedet', 'i Trondheim', 'på biblioteket', 'i fengselet', 'på plattformen',
              'i Kirkenes', 'på asylmottaket', 'på gården'],
    'past': ['kontaktet', 'beundret', 'kritiserte', 'inviterte', 'oppsøkte', 'unngikk'],
    'infinitive': ['kontakte', 'beundre', 'kritisere', 'invitere', 'oppsøke', 'unngå'],
    'adjective': ['ensomt', 'frustrerende', 'meningsfullt', 'utmattende', 'forvirrende', 'ydmykende',
                  'befriende', 'uoversiktlig'],
    'time': ['i påsken', 'på torsdag', 'i høstferien', 'om kvelden', 'i romjulen', 'på nyttårsaften'],
    'reason': ['fordi bussen var innstilt', 'for søknaden ble avslått', 'men jeg fikk permisjon',
               'fordi lønna var dårlig', 'og arbeidsgiveren protesterte', 'men forsikringen dekket det'],
}


def capitalise(text):
    return text[0].upper() + text[1:]


def templates(words, rng):
    """One sentence from a randomly chosen template."""
    pick = rng.choice
    hesitation = pick(HESITATIONS)
    filler = pick(FILLERS)
    number = rng.randint(2, 45)
    hour = rng.randint(6, 11)
    choices = [
        lambda: 'Kan du fortelle litt om %s?' % pick(words['topic']),
        lambda: 'Hvordan opplevde du %s?' % pick(words['topic']),
        lambda: 'Hva tenkte du da du %s %s?' % (pick(words['past']), pick(words['person'])),
        lambda: 'Hvor lenge har du vært %s?' % pick(words['place']),
        lambda: 'Hva betyr %s for deg?' % pick(words['topic']),
        lambda: 'Hvordan var det å %s %s?' % (pick(words['infinitive']), pick(words['person'])),
        lambda: 'Hvem snakket du med %s?' % pick(words['time']),
        lambda: 'Var det %s %s?' % (pick(ADVERBS), pick(words['adjective'])),
        lambda: 'Hva skjedde %s %s?' % (pick(words['place']), pick(words['time'])),
        lambda: 'Kan du gi et eksempel på %s?' % pick(words['topic']),
        lambda: 'Hvorfor var %s så %s?' % (pick(words['topic']), pick(words['adjective'])),
        lambda: '%s jeg synes det var %s %s.' % (hesitation, pick(ADVERBS), pick(words['adjective'])),
        lambda: '%s %s jeg %s %s.' % (capitalise(pick(words['time'])), pick(words['past']),
                                     pick(words['person']), pick(words['place'])),
        lambda: 'Jeg har vært %s i %d år.' % (pick(words['place']), number),
        lambda: 'Det var %s %s, %s.' % (pick(ADVERBS), pick(words['adjective']), pick(words['reason'])),
        lambda: '%s jeg vet ikke helt.' % hesitation,
        lambda: 'Jeg husker ikke helt hva %s sa.' % pick(words['person']),
        lambda: 'Vi %s %s %s, og det var %s.' % (pick(words['past']), pick(words['person']),
                                                pick(words['time']), pick(words['adjective'])),
        lambda: '%s sa at %s var %s %s.' % (capitalise(pick(words['person'])), pick(words['topic']),
                                           filler, pick(words['adjective'])),
        lambda: 'Det er %s %s å snakke om %s.' % (pick(ADVERBS), pick(words['adjective']),
                                                 pick(words['topic'])),
        lambda: 'Jeg var %d år da vi flyttet %s.' % (number, pick(words['place'])),
        lambda: 'Vi begynte klokka %d og var ferdig klokka %d.' % (hour, hour + rng.randint(1, 8)),
        lambda: '%s det var %s %s, %s.' % (hesitation, filler, pick(words['adjective']), pick(words['reason'])),
        lambda: 'Jeg måtte %s %s %s.' % (pick(words['infinitive']), pick(words['person']), pick(words['time'])),
        lambda: 'Det var %s %s for %s.' % (filler, pick(words['adjective']), pick(words['person'])),
        lambda: '%s %s var %s %s.' % (hesitation, pick(words['topic']), pick(ADVERBS), pick(words['adjective'])),
        lambda: 'Jeg prøvde å %s %s, men det gikk ikke.' % (pick(words['infinitive']), pick(words['person'])),
    ]
    return pick(choices)()


def words_of(sentence):
    return re.findall(r"[\wæøåÆØÅ]+", sentence.lower())


def sentence_sets(seed=20261204, train_count=6000, held_out_count=200, out_of_vocabulary_count=100):
    """Returns {'train': [...], 'held_out': [...], 'out_of_vocabulary': [...]}, fixed by the seed."""
    rng = random.Random(seed)
    pool = set()
    for _ in itertools.count():
        if len(pool) >= train_count + 3 * held_out_count or _ > 200000:
            break
        pool.add(templates(IN_VOCABULARY, rng))
    pool = sorted(pool)
    rng.shuffle(pool)
    train = pool[:train_count]
    known = {word for sentence in train for word in words_of(sentence)}
    held_out = [s for s in pool[train_count:] if all(word in known for word in words_of(s))][:held_out_count]

    mixed = {key: OUT_OF_VOCABULARY[key] for key in OUT_OF_VOCABULARY}
    out_of_vocabulary = set()
    while len(out_of_vocabulary) < out_of_vocabulary_count:
        sentence = templates(mixed, rng)
        if any(word not in known for word in words_of(sentence)):
            out_of_vocabulary.add(sentence)
    out_of_vocabulary = sorted(out_of_vocabulary)
    rng.shuffle(out_of_vocabulary)
    return {'train': train, 'held_out': held_out, 'out_of_vocabulary': out_of_vocabulary}


if __name__ == '__main__':
    sets = sentence_sets()
    for name, sentences in sets.items():
        print(name, len(sentences))
        for sentence in sentences[:8]:
            print('  ', sentence)
    vocabulary = {word for sentence in sets['train'] for word in words_of(sentence)}
    print('training vocabulary:', len(vocabulary), 'words')
