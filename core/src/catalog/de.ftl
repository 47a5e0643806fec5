# Tandems Worte, Deutsch: du-Form, warm, ohne Druck und ohne Schuld.
# Jede id aus en.ftl steht hier, mit denselben Variablen.

## Listen, Tage und Daten

list-and = { $first } und { $last }
day-range = { $from } bis { $to }
day-mon = Mo
day-tue = Di
day-wed = Mi
day-thu = Do
day-fri = Fr
day-sat = Sa
day-sun = So
day-long-mon = Montag
day-long-tue = Dienstag
day-long-wed = Mittwoch
day-long-thu = Donnerstag
day-long-fri = Freitag
day-long-sat = Samstag
day-long-sun = Sonntag
days-mon = montags
days-tue = dienstags
days-wed = mittwochs
days-thu = donnerstags
days-fri = freitags
days-sat = samstags
days-sun = sonntags
month-jan = Jan.
month-feb = Feb.
month-mar = März
month-apr = Apr.
month-may = Mai
month-jun = Juni
month-jul = Juli
month-aug = Aug.
month-sep = Sept.
month-oct = Okt.
month-nov = Nov.
month-dec = Dez.
date-short = { $weekday } { $day }. { $month }
date-short-year = { $weekday } { $day }. { $month } { $year }
heading-today = Heute
heading-yesterday = Gestern
heading-tomorrow = Morgen
ordinal = { $n ->
       *[other] { $n }.
    }

## Eine Ritual-Version in Worten

quoted = „{ $text }“
field-title = Titel
field-prompt = Impuls
field-text = Text
field-minutes = Dauer
field-time = Uhrzeit
field-window = Zeitfenster
field-zone = Zeitzone
field-repeat = Wiederholung
field-start = ab
field-end = endet
field-reminders = Erinnerungen
field-trial = Probezeit
field-pause-protocol = Pausen-Absprache
field-cool-down = Abkühlzeit
field-who-may-call = wer eine Pause nehmen darf
field-revisit = Wiederaufnahme
field-review-on = Rückblick
field-line = { $field }: { $value }
field-change = { $field }: { $after } statt { $before }
describe-none = keine
describe-minutes = { $minutes } Min.
describe-window = bis { $time }
describe-zone-floating = mitwandernd (die Zeitzone des jeweiligen Handys)
describe-trial = bis { $date }, dann ein Rückblick
describe-trial-none = keine (dauerhaft)
describe-unknown-time = eine unbekannte Uhrzeit
repeat-daily = jeden Tag
repeat-every-one-day = jeden Tag (alle 1 Tage)
repeat-every-n-days = alle { $n } Tage
repeat-weekly = wöchentlich { $days }
repeat-monthly-day = monatlich am { $ordinal }
repeat-monthly-last = monatlich am letzten { $weekday }
repeat-monthly-nth = monatlich am { $ordinal } { $weekday }
end-never = nie
end-after-date = nach dem { $date }
end-after-count = { $count ->
        [one] nach 1 Mal
       *[other] nach { $count } Malen
    }
reminder-at-start = zu Beginn
reminder-before = { $minutes } Min. vorher

## Der Ritual-Bildschirm

ritual-action-accept = Annehmen
ritual-action-decline = Lieber nicht
ritual-action-counter = Andere Zeit vorschlagen
ritual-action-change = Ändern
ritual-action-pause = Pausieren
ritual-action-resume = Fortsetzen
ritual-action-retire = Beenden
ritual-status-your-answer = Wartet auf deine Antwort
ritual-status-another-time = Eine andere Zeit ist vorgeschlagen
ritual-status-partner-answer = Wartet auf dein Gegenüber
ritual-status-change-your-answer = Eine Änderung wartet auf deine Antwort
ritual-status-active-your-change = Aktiv; deine Änderung wartet auf dein Gegenüber
ritual-status-active = Aktiv
ritual-status-paused-your-answer = Pausiert; eine Änderung wartet auf deine Antwort
ritual-status-paused-your-change = Pausiert; deine Änderung wartet auf dein Gegenüber
ritual-status-paused = Pausiert
ritual-status-not-going-ahead = Findet nicht statt
ritual-status-retired = Beendet
ritual-status-personal-paused = Pausiert; nur für dich
ritual-status-personal = Nur für dich
ritual-review-due = Zeit für einen Rückblick: so lassen, anpassen oder aufhören?
rituals-empty = Noch keine Rituale. Schlag deinem Gegenüber eins vor, oder leg eins nur für dich an.
rituals-ended-newest-only = Hier stehen nur die { $count }, die zuletzt geendet haben.
rituals-show-all = Alle vergangenen Rituale zeigen
ritual-suggested = Vorschlag: { $changes }
ritual-suggested-new-version = Eine neue Version ist vorgeschlagen
ritual-zone-note = Zeit in { $zone }
ritual-trial-note = Zum Ausprobieren bis { $date }

## Was eine Aktion sagt, wenn sie getan ist
done-words-shared = Dein Gegenüber liest deine Worte nach dem nächsten Abgleich.
done-words-kept = Deine Worte bleiben auf diesem Handy.
snoozed-until = Erinnerung verschoben bis { $time }.

## Was die Knöpfe für Pause, Verlängern und Später anbieten

offer-minutes = { $minutes } Min.
offer-hours = { $hours ->
        [one] 1 Stunde
       *[other] { $hours } Stunden
    }
offer-as-agreed = { $length } (wie vereinbart)
offer-extend = { $minutes } Minuten mehr
offer-snooze = In { $length }

## Das Notizbuch

partner-unnamed = Dein Gegenüber
partner-object = deinem Gegenüber
temperature-calm = ruhig
temperature-settled = gefasst
temperature-stirred = bewegt
temperature-heated = aufgewühlt
temperature-flooded = überwältigt
capacity-low = wenig Kraft
capacity-some = etwas Kraft
capacity-plenty = viel Kraft
need-space = Bedürfnis: Raum
need-closeness = Bedürfnis: Nähe
need-reassurance = Bedürfnis: Bestärkung
need-practical-help = Bedürfnis: praktische Hilfe
need-nothing = gerade kein Bedürfnis
repair-checked-in = nach einem angespannten Moment nachgefragt
repair-apologised = entschuldigt
repair-touch = eine Berührung
repair-joke = ein Scherz
repair-came-back = aus einer Pause zurückgekommen
repair-other = ein anderer Schritt
situation-space = um Raum bitten
situation-closeness = Nähe anbieten
situation-reflecting = Gehörtes spiegeln
situation-owning = meinen Anteil sehen
situation-returning = nach einer Pause zurückkommen
notebook-checked-in = { $person ->
        [you] Du hast
       *[other] { $who } hat
    } eingecheckt: { $temperature }, { $capacity }, { $need }
notebook-appreciation = { $person ->
        [you] Du hast { $partner } Wertschätzung geschickt
       *[other] { $who } hat dir Wertschätzung geschickt
    }
notebook-repair = { $person ->
        [you] Du hast
       *[other] { $who } hat
    } einen Schritt aufeinander zu notiert: { $act }{ $received ->
        [yes] , und er schien anzukommen
        [no] , und er schien noch nicht anzukommen
       *[none] { "" }
    }
notebook-phrase = { $person ->
        [you] Du hast
       *[other] { $who } hat
    } eine Formulierung für „{ $situation }“ hinzugefügt
notebook-ritual-words = { $person ->
        [you] Du
       *[other] { $who }
    } zu { $title }
notebook-ritual-feeling = { $person ->
        [you] Du
       *[other] { $who }
    } zu { $title }, Gefühl: { $feeling }
notebook-empty = { $weeks ->
        [one] In der letzten Woche
       *[other] In den letzten { $weeks } Wochen
    } wurde nichts geschrieben. Check-ins, Wertschätzung, Schritte aufeinander zu und Notizen zu Ritualen erscheinen hier.

## Ablehnungen, nach ihrem festen Code ("ritual.changed" ist refusal-ritual-changed)

refusal-export-passphrase-short = Wähle eine Passphrase aus mindestens 16 Zeichen oder mindestens 4 Wörtern. Du brauchst sie, um die Datei wieder zu öffnen.
refusal-restore-unusable = Diese Datei lässt sich nicht wiederherstellen, darum hat sich nichts geändert. Vielleicht braucht sie ihre Passphrase, ist beschädigt oder kein Tandem-Export, oder sie stammt aus einem neueren Tandem (dann aktualisiere die App).
refusal-restore-not-empty = Eine Datei lässt sich nur in ein neues, leeres Tandem wiederherstellen, darum hat sich nichts geändert. Stell sie auf einer frischen Installation wieder her.
refusal-ritual-changed = Dieses Ritual hat sich geändert, seit der Bildschirm angezeigt wurde, darum ist nichts passiert. So steht es jetzt.
refusal-ritual-gone = Dieses Ritual ist nicht mehr auf diesem Handy, darum ist nichts passiert. So sieht die Liste jetzt aus.
refusal-agreement-input = Einiges von dem, was du eingegeben hast, passt so nicht. Schau auf den Titel (bis 80 Zeichen), den Text (bis 2000), eine Abkühlzeit von 20 Minuten bis zu einem Tag und ein Rückblick-Datum nach heute, dann versuch es noch einmal.
refusal-agreement-changed = Diese Absprache hat sich geändert, seit der Bildschirm angezeigt wurde, oder dein Vorschlag ist schon da, darum ist nichts passiert. So steht sie jetzt.
refusal-agreement-gone = Diese Absprache ist nicht mehr auf diesem Handy, darum ist nichts passiert. So sieht die Liste jetzt aus.
refusal-pause-input = Eine Pause dauert insgesamt 20 Minuten bis 24 Stunden, ihre Notiz höchstens 140 Zeichen. Wähle eine Zeit in diesem Rahmen.
refusal-pause-not-now = Das geht mit dieser Pause gerade nicht. Wer eine Pause nimmt, beendet sie auch und kann einmal Zeit dazugeben. So steht sie jetzt.
refusal-pause-gone = Diese Pause ist nicht mehr auf diesem Handy, darum ist nichts passiert.
refusal-boundary-input = Eine Grenze hat 1 bis 500 Zeichen. Schau auf den Text, dann versuch es noch einmal.
refusal-boundary-not-now = Es hat sich nichts geändert: Eine Grenze ändert nur, wer sie geschrieben hat, und vielleicht lautet diese schon so. So steht sie jetzt.
refusal-boundary-gone = Diese Grenze ist nicht mehr auf diesem Handy, darum ist nichts passiert.
refusal-input = Einiges von dem, was du eingegeben hast, passt so nicht. Schau auf Titel, Dauer, Uhrzeit und Zeitzone, dann versuch es noch einmal.
refusal-not-now = Das geht gerade nicht. Vielleicht hat sich auf dem Handy deines Gegenübers etwas geändert; so steht es jetzt.
refusal-gone = Das ist nicht mehr auf diesem Handy, darum ist nichts passiert. So sieht die Liste jetzt aus.
refusal-wrong-passphrase = Diese Passphrase öffnet die Datei nicht, darum wurde nichts wiederhergestellt. Prüf sie und versuch es noch einmal; wurde die Datei seit dem Speichern verändert, mach einen neuen Export.
refusal-wrong-key = Tandem kann seine Daten auf diesem Gerät nicht entsperren. Wenn du die App neu installiert oder ein Backup eingespielt hast, ist der Schlüssel vielleicht nicht mehr da.
refusal-not-tandem-data = Die Datendatei gehört nicht zu Tandem. Es hat sich nichts geändert.
refusal-data-too-new = Deine Daten wurden von einer neueren Tandem-Version gespeichert. Aktualisiere die App, um sie zu öffnen.
refusal-pairing-failed = Mit diesem Code klappt das Verbinden nicht. Starte das Verbinden auf beiden Handys neu und scanne den Code auf dem Bildschirm deines Gegenübers.
refusal-pairing-outdated = Auf dem Handy deines Gegenübers läuft ein älteres Tandem. Aktualisiere die App auf beiden Handys, dann starte das Verbinden neu.
refusal-pairing-expired = Der Verbindungscode ist abgelaufen. Starte das Verbinden neu und scanne den neuen Code innerhalb von zwei Minuten.
refusal-pairing-already = Dieses Handy ist schon verbunden. Trenne die Verbindung zuerst, um dich mit jemand anderem zu verbinden.
refusal-pairing-not-yet = Dieses Handy ist noch nicht mit deinem Gegenüber verbunden. Verbinde euch und bestätige den Prüfcode, bevor ihr synchronisiert.
refusal-sync-rejected = Diese Aktualisierung von deinem Gegenüber ließ sich nicht verwenden, darum hat sich nichts geändert. Bitte dein Gegenüber, eine neue zu schicken.
refusal-sync-too-old = Diese Aktualisierung war älter als die aktuellen Schlüssel deines Handys und wurde übersprungen; es ist nichts verloren – synchronisiere noch einmal, um den neuesten Stand zu bekommen.
refusal-sync-clock = Das Handy deines Gegenübers und dieses sind sich bei der Uhrzeit nicht einig. Schau, dass beide Handys die Uhrzeit automatisch stellen, dann synchronisiere noch einmal.
refusal-storage = Tandem konnte seine Daten nicht lesen oder speichern. Schau, ob auf dem Gerät Platz frei ist, dann versuch es noch einmal.
refusal-damaged = Ein Teil von Tandems Daten auf diesem Handy ist beschädigt und wurde darum nicht verwendet. Spiel ein Backup ein, oder verbinde euch neu, um die gemeinsamen Daten vom Handy deines Gegenübers zurückzubekommen.
refusal-closed = Tandem wurde geschlossen. Öffne es wieder, um weiterzumachen.

## Uhrzeiten, von jetzt aus gelesen

clock-tomorrow = morgen { $time }
clock-on-day = { $date } { $time }

## What changed on the partner's phone (news after a sync)

news-times = { $count ->
        [2] { $sentence } (zweimal)
       *[other] { $sentence } ({ $count }-mal)
    }
news-more = und { $count ->
        [1] 1 weitere Änderung
       *[other] { $count } weitere Änderungen
    } von { $who }
news-today = heute
news-tomorrow = morgen
news-yesterday = gestern
news-on-day = am { $date }
news-ritual-proposed = { $who } lädt dich zu einem neuen Ritual ein: { $title }
news-ritual-countered = { $who } schlägt eine andere Fassung von { $title } vor
news-ritual-accepted = { $who } hat { $title } angenommen
news-ritual-declined = { $who } hat { $title } abgelehnt
news-ritual-paused = { $who } hat { $title } pausiert
news-ritual-resumed = { $who } hat { $title } wieder aufgenommen
news-ritual-retired = { $who } hat { $title } beendet
news-ritual-done = { $who } hat { $title } { $day } als erledigt markiert
news-ritual-done-note = { $who } hat { $title } { $day } als erledigt markiert und eine Notiz hinterlassen
news-ritual-done-feeling = { $who } hat { $title } { $day } als erledigt markiert und gesagt, wie es sich angefühlt hat
news-ritual-skipped = { $who } hat { $title } { $day } ausgelassen
news-ritual-moved = { $who } hat { $title } { $day } auf { $at } verschoben
news-agreement-proposed = { $who } schlägt eine Vereinbarung vor: { $title }
news-agreement-amended = { $who } schlägt eine Änderung an { $title } vor
news-agreement-accepted = { $who } hat { $title } zugestimmt
news-agreement-declined = { $who } hat { $title } abgelehnt
news-agreement-withdrawn = { $who } hat die Zustimmung zu { $title } zurückgezogen
news-agreement-kept = { $who } hat auf { $title } zurückgeschaut und es beibehalten
news-pause-started = { $who } macht eine Pause, zurück um { $at }
news-pause-extended = { $who } braucht etwas länger, zurück um { $at }
news-pause-ended = { $who } ist aus der Pause zurück
news-boundary-shared = { $who } hat eine Grenze mit dir geteilt
news-boundary-unshared = { $who } hat eine Grenze wieder privat gemacht
news-boundary-retired = { $who } hat eine Grenze losgelassen
news-checkin = { $who } hat einen Check-in geteilt
news-appreciation = { $who } hat dir eine Wertschätzung geschickt
news-repair = { $who } hat einen Schritt aufeinander zu notiert: { $act }
news-phrase = { $who } hat deinem Sprachschatz einen Satz hinzugefügt
news-rest-declared = { $who } hat die Woche ab { $date } zur Ruhewoche gemacht
news-rest-called-off = { $who } hat die Ruhewoche ab { $date } abgesagt

## Der Pausen-Bildschirm

pause-action-extend = Noch etwas Zeit
pause-action-end = Ich bin wieder da
pause-mine = Du machst eine Pause, zurück um { $time }
pause-partners = Dein Gegenüber braucht eine Pause, zurück um { $time }
pause-time-to-reconnect = Zeit, wieder zueinanderzufinden
pause-ended = Die Pause endete um { $time }
pause-over = Die Pause ist vorbei
pause-start-hint = Brauchst du einen Moment? Mach eine Pause und sag, wann du wieder da bist.

## The Today screen

today-action-done = Erledigt
today-action-skip = Auslassen
today-action-later = Später
look-back-keep = Beibehalten
look-back-adjust = Anpassen
look-back-stop = Beenden
look-back-amend = Änderung vorschlagen
look-back-let-go = Loslassen
duration-minutes = { $minutes } Min.
duration-hours = { $hours } Std.
duration-hours-minutes = { $hours } Std. { $minutes } Min.
today-now = jetzt
today-in = in { $length }
today-started-now = hat gerade begonnen
today-started = begann vor { $length }
today-detail = { $when } · { $length }
today-done = Erledigt
today-skipped = Ausgelassen
today-resting = { $detail } · Ruhewoche
today-zone-time = { $time } { $zone }
today-said = { $person ->
        [you] Du
       *[other] { $who }
    }: { $words }
today-ritual-detail = { $time } · { $length } · { $repeat }
today-invite-ritual = { $who } schlägt ein Ritual vor
today-invite-counter = { $who } schlägt eine andere Zeit vor
today-invite-change = { $who } schlägt eine Änderung vor
today-invite-agreement = { $who } schlägt eine Vereinbarung vor
today-invite-version = { $who } schlägt eine neue Fassung vor
today-review-trial = Zeit für einen Rückblick: ausprobiert bis { $date }
today-review-agreement = Zeit, noch einmal darauf zu schauen
today-review-agreement-on = Zeit, noch einmal darauf zu schauen (Rückblick am { $date })
today-next-reminder = Nächste Erinnerung { $time } · { $title }
today-empty = Heute steht nichts an. Ein ruhiger Tag ist auch gut.
today-heading-due = Heute offen
today-heading-coming = Als Nächstes
today-heading-earlier = Heute schon
today-heading-invitations = Wartet auf deine Antwort
today-heading-reviews = Zeit für einen gemeinsamen Rückblick

## The check-in screen

checkin-prompt = Wie warm ist es gerade in dir?
checkin-temperature = { $value } · { $words }
checkin-capacity-low = Kaum Kraft übrig
checkin-capacity-some = Etwas Spielraum
checkin-capacity-plenty = Viel Spielraum
checkin-need-space = Raum
checkin-need-closeness = Nähe
checkin-need-reassurance = Bestärkung
checkin-need-practical-help = Praktische Hilfe
checkin-need-nothing = Gerade nichts
checkin-note = Eine Notiz (freiwillig)
checkin-share = Mit deinem Gegenüber teilen
checkin-submit = Einchecken
checkin-done = Eingecheckt.
checkin-row = { $time } · { $temperature } · { $capacity } · { $need }
checkin-shared = Mit deinem Gegenüber geteilt
checkin-empty = Heute noch kein Check-in.
checkin-field-temperature = Wähle eine Zahl von 1 bis 10.
checkin-field-note-long = Die Notiz hat { $count } Zeichen; erlaubt sind bis zu { $max }.
checkin-field-note-control = Die Notiz enthält ein Zeichen, das nicht gespeichert werden kann. Entferne es und versuch es noch einmal.

## Insights

insight-times = { $count ->
        [1] einmal
        [2] zweimal
       *[other] { $count }-mal
    }
insight-series-kept = Gehaltene Rituale
insight-series-scheduled = Geplante Rituale
insight-series-own-kept = Eigene Rituale gehalten
insight-series-own-scheduled = Eigene Rituale geplant
insight-series-pauses = Deine Pausen
insight-series-pauses-kept = Pausen, aus denen du wie versprochen zurückkamst
insight-series-given = Deine Wertschätzungen
insight-series-repairs = Schritte aufeinander zu
insight-series-checkins = Deine Check-ins
insight-series-distance = Rückzüge und Schweigen
insight-milestone-every-ritual = Eine Woche, in der jedes Ritual gehalten wurde
insight-milestone-pause-kept = Eine Pause, aus der du wie versprochen zurückkamst
insight-milestone-tenth-appreciation = Die zehnte Wertschätzung
insight-top-trigger = Bevor du dich zurückgezogen hast oder still wurdest, kam „{ $tag }“ am häufigsten vor ({ $times }).
insight-warmer = In den Stunden vor einem Schweigen war es in dir wärmer als sonst ({ $before } statt { $usual }): eine frühe Pause kann helfen.
insight-top-topic = Gespräche über „{ $topic }“ sind am häufigsten entgleist; vielleicht verdient das Thema einen ruhigen eigenen Moment.
insight-kept-together = Zusammen habt ihr in diesen Wochen { $kept } von { $scheduled } Ritual-Momenten gehalten.
insight-pauses = { $started ->
        [1] Du hast 1 Pause gemacht
       *[other] Du hast { $started } Pausen gemacht
    } und bist aus { $kept } wie versprochen zurückgekommen.
insights-heading-rhythm = Woche für Woche
insights-heading-before = Was vor dem Rückzug kam
insights-heading-when = Wann der Rückzug kam
insights-heading-topics = Entgleiste Gespräche
insights-heading-milestones = Meilensteine
insights-week = Woche ab { $date }
insights-row = { $label }: { $values }
insights-count = „{ $label }“ · { $times }
insights-when-count = { $label } · { $times }
part-night = nachts
part-morning = morgens
part-afternoon = nachmittags
part-evening = abends
insights-temperature = Vor einem Rückzug oder Schweigen lagen deine Check-ins im Schnitt bei { $before }; sonst bei { $usual }.
insights-milestone = { $date } · { $title }
insights-empty = In diesen Wochen wurde noch nichts notiert.

## Der Abgleich-Bildschirm

sync-pair-first = Verbindet zuerst eure Handys: Der Abgleich beginnt, sobald sie auf dem Bildschirm „Verbinden“ gekoppelt sind.
sync-confirm-first = Bestätige zuerst den Prüfcode auf dem Bildschirm „Verbinden“, dann gleicht ab.
sync-finish-pairing = Empfange die erste Datei deines Gegenübers, um das Verbinden abzuschließen.
sync-send-next = Schick deine Änderungen an dein Gegenüber. Sie bleiben hier gezählt, bis das andere Handy bestätigt, dass es sie hat.
sync-reply-next = Schick eine Antwort, damit das andere Handy weiß, was angekommen ist.
sync-up-to-date = Nichts Neues zu senden. Sende trotzdem, wenn dein Gegenüber auf eine Datei von dir wartet.
sync-receive-next = { $count ->
    [one] 1 Datei von deinem Gegenüber wartet: empfange sie.
   *[other] { $count } Dateien von deinem Gegenüber warten: empfange sie.
    }
sync-waiting = { $count ->
    [0] Keine Dateien warten
    [one] 1 Datei von deinem Gegenüber wartet
   *[other] { $count } Dateien von deinem Gegenüber warten
    }
sync-to-send = { $count ->
    [0] Das andere Handy hat alles
    [one] 1 Änderung zu senden
   *[other] { $count } Änderungen zu senden
    }
sync-to-send-many = { $count } oder mehr Änderungen zu senden
sync-files = { $count ->
    [one] 1 Datei
   *[other] { $count } Dateien
    }
sync-sent = { $changes ->
    [0] Als { $files } ein Update gesendet: So weiß das andere Handy, was hier angekommen ist.
    [one] 1 Änderung als { $files } gesendet.
   *[other] { $changes } Änderungen als { $files } gesendet.
    }
sync-sent-many = { $changes } oder mehr Änderungen als { $files } gesendet.
sync-received = { $count ->
    [0] Keine neuen Änderungen empfangen.
    [one] 1 Änderung empfangen.
   *[other] { $count } Änderungen empfangen.
    }
sync-imported-before = { $count ->
    [one] 1 Datei wurde schon früher übernommen.
   *[other] { $count } Dateien wurden schon früher übernommen.
    }
sync-partner-confirmed = Das andere Handy hat das Verbinden bestätigt.
sync-nothing-waiting = Nichts zu empfangen. Dateien, die dein Gegenüber mit diesem Handy teilt, landen hier.
sync-refused-file = { $name }: { $message }

## Der Vereinbarungs-Bildschirm und sein Formular

describe-agreed = vereinbart
describe-either-calls = jede und jeder von euch
describe-asker-calls = nur wer um diese Vereinbarung gebeten hat
describe-not-said = nicht festgelegt
agreement-action-accept = Annehmen
agreement-action-decline = Lieber nicht
agreement-action-amend = Änderung vorschlagen
agreement-action-keep = So lassen
agreement-action-let-go = Loslassen
agreement-action-withdraw = Zurückziehen
agreement-status-your-answer = Wartet auf deine Antwort
agreement-status-partner-answer = Wartet auf dein Gegenüber
agreement-status-in-effect = Gilt
agreement-status-change-your-answer = Gilt; eine Änderung wartet auf deine Antwort
agreement-status-your-change = Gilt; deine Änderung wartet auf dein Gegenüber
agreement-status-not-going-ahead = Kommt nicht zustande
agreement-status-withdrawn = Zurückgezogen
agreement-option-answered = Du hast dazu eine Änderung vorgeschlagen
agreement-review-due = Zeit für einen Rückblick: so lassen, ändern oder loslassen?
agreement-review-on = Rückblick am { $date }
agreements-empty = Noch keine Vereinbarungen. Schreibt gemeinsam eine auf.
agreement-suggestion = { $person ->
        [you] Dein Vorschlag
       *[other] Vorschlag deines Gegenübers
    }
agreement-history-proposed = { $person ->
        [you] Du hast { $title } vorgeschlagen
       *[other] Dein Gegenüber hat { $title } vorgeschlagen
    }
agreement-history-amended = { $person ->
        [you] Du hast eine Änderung vorgeschlagen: { $title }
       *[other] Dein Gegenüber hat eine Änderung vorgeschlagen: { $title }
    }
agreement-history-accepted = { $person ->
        [you] Du hast { $title } angenommen
       *[other] Dein Gegenüber hat { $title } angenommen
    }
agreement-history-kept = { $person ->
        [you] Du hast zurückgeblickt und { $title } so gelassen
       *[other] Dein Gegenüber hat zurückgeblickt und { $title } so gelassen
    }
agreement-history-declined = Nicht aufgegriffen: { $title }
agreement-history-withdrawn = Zurückgezogen: { $title }
form-title-empty = Gib ihr einen kurzen Titel.
form-text-empty = Schreibt auf, worauf ihr euch einigt.
form-too-long = Höchstens { $max } Zeichen; hier sind es { $count }.
form-control-character = Hier steht ein Zeichen, das nicht geht, etwa ein Tabulator.
form-cool-down = Die Abkühlzeit ist eine ganze Zahl von Minuten, { $min } bis { $max }.
form-review-not-a-date = Ein Datum wie 2027-03-14.
form-review-past = Wähle einen Tag nach heute.
form-review-far = Wähle einen Tag innerhalb von drei Jahren.
form-unchanged = Noch nichts geändert: Das entspricht der bisherigen Fassung.

## A ritual's own screen

ritual-heading-terms = So läuft es
ritual-heading-next = Als Nächstes
ritual-heading-days = Die letzten zwei Wochen
ritual-days-empty = In den letzten zwei Wochen noch nichts.
ritual-day-open = Nicht markiert
ritual-day-resting = Ruhewoche
ritual-next-time = { $date } · { $time }
ritual-kept = { $who ->
        [together] Gemeinsam habt ihr
       *[you] Du hast
    } in den letzten vier Wochen { $kept } von { $scheduled } Mal eingehalten.
ritual-kept-first = { $who ->
        [together] Gemeinsam habt ihr
       *[you] Du hast
    } es beim ersten Mal eingehalten.
ritual-kept-first-open = Das erste Mal ist vorbei; das nächste ist ein neuer Anfang.

## The boundaries screen and its form

boundaries-intro = Eine Grenze gehört dir allein: was du brauchst, in deinen eigenen Worten. Sie bleibt auf diesem Handy, bis du sie teilst; dein Gegenüber kann eine geteilte Grenze lesen, aber nie ändern.
boundaries-empty = Du hast noch keine eigene Grenze aufgeschrieben. Fang mit einem Beispiel an oder schreib deine eigene.
boundaries-heading-mine = Deine
boundaries-heading-theirs = { $who } hat diese mit dir geteilt
boundary-status-private = Nur auf diesem Handy
boundary-status-shared = { $who } kann das lesen
boundary-status-theirs = { $who } hat das mit dir geteilt
boundary-written-on = Geschrieben am { $date }
boundary-changed-on = Geändert am { $date }
boundary-action-edit = Ändern
boundary-action-share = Teilen
boundary-action-private = Nur für mich
boundary-action-retire = Beenden
boundary-action-new = Neue Grenze
boundary-shared-notice = Dein Gegenüber kann sie nach dem nächsten Abgleich lesen.
boundary-private-notice = Wieder privat: Das Handy deines Gegenübers zeigt sie nach dem nächsten Abgleich nicht mehr.
boundary-retired-notice = Beendet: Das Handy deines Gegenübers zeigt sie nach dem nächsten Abgleich nicht mehr.
boundary-edited-notice = Dein Gegenüber liest die neuen Worte nach dem nächsten Abgleich.
boundary-example-1 = Wenn ein Gespräch hitzig wird, brauche ich eine Pause, bevor ich ruhig weiterreden kann.
boundary-example-2 = Ich bin da, aber ich brauche auch Zeit, um mich zu sammeln. Ich komme zurück.
boundary-example-3 = Nach der Arbeit brauche ich ein paar Minuten für mich, bevor wir Pläne besprechen.
boundary-example-4 = Sag mir bitte, wenn du Abstand brauchst, damit ich Stille nicht als Distanz lese.
boundary-example-5 = Über Geld möchte ich lieber nicht spät am Abend reden.
boundary-example-6 = Wenn ich um Bestätigung bitte, hilft mir ein einfaches „Ich bin noch da“ sehr.
form-boundary-empty = Schreib in ein, zwei Sätzen, was du brauchst.
form-boundary-unchanged = Genau diese Worte hat sie schon.
label-boundaries = Grenzen
label-new-boundary = Neue Grenze
label-heading-boundary = Deine Grenze ändern
label-submit-boundary-private = Für mich behalten
label-submit-boundary-shared = Mit meinem Gegenüber teilen
label-boundary-examples = Mit einem Beispiel anfangen
label-boundary-text = Deine Grenze, in deinen eigenen Worten

## The ritual form, field by field

form-ritual-title = Gib deinem Ritual einen kurzen Titel.
form-minutes = Die Dauer ist eine ganze Zahl von Minuten, 1 bis { $max }.
form-time = Eine Uhrzeit wie 20:30, von 00:00 bis 23:59.
form-zone = Wähle eine Zeitzone aus der Liste, etwa Europe/Berlin.
form-weekdays = Wähle mindestens einen Wochentag.
form-every-days = Alle 1 bis { $max } Tage.
form-month-day = Ein Tag im Monat, 1 bis 31.
form-nth = Der 1. bis 5. oder der letzte Wochentag im Monat.
form-start-needed = Diese Wiederholung braucht ein Startdatum: Es legt die Tage fest.
form-end-both = Ein Enddatum oder eine Anzahl, nicht beides.
form-end-before-start = Das Ende liegt am oder nach dem Startdatum.
form-count = Eine Anzahl von 1 bis { $max } Malen.
form-window = Das Zeitfenster endet nach seinem Beginn.
form-leads = Bis zu { $max } Erinnerungen, jeweils 0 bis 1440 Minuten vorher.
form-trial-far = Ein Versuch dauert höchstens ein Jahr: Wähle einen Tag innerhalb eines Jahres.
form-trial-before-start = Ein Versuch endet frühestens am ersten Tag des Rituals.
form-trial-after = Wähle einen Tag nach dem { $date } – oder lass das Feld leer, um es dauerhaft zu behalten.

## Labels the apps show outside any screen model (tabs, form fields, buttons)

label-today = Heute
label-rituals = Rituale
label-agreements = Vereinbarungen
label-pause = Pause
label-check-in = Einchecken
label-insights = Einblicke
label-pairing = Mit deinem Gegenüber verbinden
label-sync = Abgleichen
label-privacy = Was dein Gegenüber sieht
label-together = Gemeinsam
label-cancel = Abbrechen
label-save = Speichern
label-loading = Wird geladen…
label-opening = Tandem wird geöffnet…
label-past = Vergangen
label-earlier = Früher
label-new-ritual = Neues Ritual
label-new-agreement = Neue Vereinbarung
label-field-title = Titel
label-field-prompt = Was ihr tut (optional)
label-field-time = Uhrzeit (HH:MM, 24 Stunden)
label-field-minutes = Minuten
label-field-for = Für
label-for-us = Wir beide
label-for-me = Nur für mich
label-field-repeats = Wiederholung
label-every-day = Jeden Tag
label-chosen-days = An ausgewählten Tagen
label-as-before = Wie bisher
label-trial-section = Ein sanfter Versuch (optional)
label-field-trial-until = Ausprobieren bis (JJJJ-MM-TT)
label-submit-propose = Meinem Gegenüber vorschlagen
label-submit-personal = Nur für mich
label-submit-counter = Stattdessen das vorschlagen
label-submit-adjust = Geändert beibehalten
label-field-agreement-text = Was wir vereinbaren
label-pausing-section = Pausen (optional)
label-field-cool-down = Abkühlzeit in Minuten
label-look-back-section = Gemeinsam noch einmal ansehen (optional)
label-field-review-on = Zurückblicken am (JJJJ-MM-TT)
label-pick-date = Datum wählen
label-submit-agreement = Vorschlagen
label-submit-amend = Diese Änderung vorschlagen
label-sync-send = Meine Änderungen an mein Gegenüber senden
label-sync-share-title = An dein Gegenüber senden
label-sync-receive = Importieren, was mein Gegenüber geschickt hat
label-sync-add-file = Eine Datei meines Gegenübers hinzufügen…
label-sync-last = Letztes Mal
label-open-settings = Einstellungen öffnen
label-export-passphrase = Passphrase des Exports
label-choose-export = Exportdatei wählen
label-restore = Aus einem Export wiederherstellen
label-start-over = Neu anfangen
label-start-over-confirm = Mit einem leeren Tandem neu anfangen
label-cant-open = Tandem lässt sich gerade nicht öffnen
label-try-again = Erneut versuchen
label-heading-counter = Eine andere Zeit vorschlagen
label-heading-change = Dieses Ritual ändern
label-heading-adjust = Den Versuch anpassen
label-heading-amend = Eine neue Fassung vorschlagen
label-data-heading = Deine Daten
label-export-passphrase-new = Passphrase für den Export (mindestens 8 Zeichen)
label-export-sealed = Exportieren, versiegelt
label-export-save-title = Deinen Export speichern
label-erase = Löschen…
label-erase-confirm = Tandem von diesem Handy löschen
label-notebook = Notizbuch
label-pairing-code = Kopplungscode
label-unnamed-file = (ohne Namen)

## Settings: the app lock and the clean exit

lock-heading = App-Sperre
lock-hint = Tandem fragt nach der Bildschirmsperre deines Handys (Code, Fingerabdruck oder Gesicht). Hat das Handy keine, richte zuerst eine in seinen Einstellungen ein.
lock-off = Aus
lock-every-time = Jedes Mal
lock-after = { $minutes ->
        [one] Nach 1 Minute weg
       *[other] Nach { $minutes } Minuten weg
    }
lock-unlock-reason = Tandem entsperren
lock-locked = Tandem ist gesperrt.
lock-unlock-button = Entsperren
lock-refused = Nicht bestätigt, also ist nichts geschehen.
lock-guard-export = Bestätige, dass du es bist, um deine Tandem-Daten zu exportieren
lock-guard-plaintext-export = Bestätige, dass du es bist, um deine Tandem-Daten unversiegelt zu exportieren
lock-guard-unpair = Bestätige, dass du es bist, um die Verbindung dieses Handys zu lösen
lock-guard-clean-exit = Bestätige, dass du es bist, um zu ändern, was dieses Handy behält
lock-guard-wipe = Bestätige, dass du es bist, um Tandem von diesem Handy zu löschen
exit-heading = Du hast die Verbindung dieses Handys gelöst
exit-note = Was folgt, geschieht nur auf diesem Handy. Deinem Gegenüber wird nichts geschickt.
exit-stop-shared = Unsere gemeinsamen Rituale und Vereinbarungen auf diesem Handy beenden
exit-stop-shared-explained = Sie enden hier, und ihre Erinnerungen hören auf. Das Handy deines Gegenübers erfährt davon nichts und behält seine eigene Kopie.
exit-stop-shared-done = Die gemeinsamen Rituale und Vereinbarungen sind auf diesem Handy beendet.
exit-stop-shared-result = { $count ->
        [one] 1 gemeinsames Ding auf diesem Handy beendet.
       *[other] { $count } gemeinsame Dinge auf diesem Handy beendet.
    }
exit-delete-partner-data = Löschen, was mein Gegenüber auf diesem Handy geteilt hat
exit-delete-partner-data-explained = Check-ins, Wertschätzungen, Grenzen, Pausen und Notizen deines Gegenübers verschwinden von diesem Handy. Deine eigenen Einträge bleiben.
exit-delete-partner-data-done = Was dein Gegenüber geteilt hat, ist von diesem Handy gelöscht.
exit-delete-partner-data-result = { $count ->
        [one] 1 Eintrag deines Gegenübers von diesem Handy gelöscht.
       *[other] { $count } Einträge deines Gegenübers von diesem Handy gelöscht.
    }

## Reminders, as notifications show them

reminder-now = Jetzt, { $time }
reminder-in-minutes = In { $minutes } Min., um { $time }
reminder-in-hours = In { $hours } Std., um { $time }
reminder-snoozed = Verschoben von { $time }
reminder-trial-title = Zeit für einen Rückblick: { $title }
reminder-trial-body = Dein Versuch endet heute: beibehalten, anpassen oder beenden?
reminder-agreement-title = Zeit, darauf zurückzukommen: { $title }
reminder-agreement-body = Beibehalten, ändern oder loslassen?
reminder-pause-mine-title = Zeit, wieder zusammenzukommen
reminder-pause-mine-body = Du wolltest um { $time } zurück sein
reminder-pause-partner-title = Dein Gegenüber kommt zurück
reminder-pause-partner-body = Zurück um { $time }
reminder-private-title = Tandem
reminder-private-together = Ein Moment für euch beide
reminder-private-yourself = Ein Moment für dich
reminder-private-look-back = Etwas, auf das ihr gemeinsam zurückblicken könnt
reminder-channel-rituals = Rituale
reminder-channel-look-back = Gemeinsam zurückblicken
reminder-channel-pauses = Pausen

## Notices outside any one screen

notice-notifications-off = Benachrichtigungen für Tandem sind aus, daher erscheinen Erinnerungen nicht von selbst. Sie bleiben geplant und werden hier in der App gezeigt. Wenn du sie als Benachrichtigungen möchtest, schalte Benachrichtigungen für Tandem in den Einstellungen des Telefons ein.
notice-notifications-not-asked = Tandem darf noch keine Benachrichtigungen senden. Bis du es erlaubst, werden Erinnerungen hier in der App gezeigt.
notice-exact-alarms-off = Tandem darf auf diesem Telefon keine genauen Wecker stellen, daher kann eine Erinnerung bis zu 10 Minuten nach ihrer Zeit kommen (nie davor). Damit sie pünktlich kommen, erlaube „Wecker und Erinnerungen“ für Tandem in den Einstellungen des Telefons.
notice-plaintext-export = Diese Datei ist nicht geschützt: Wer sie bekommt, kann alles darin lesen, auch deine privaten Notizen. Exportiere mit einer Passphrase, außer du brauchst wirklich Klartext.
notice-wipe = Das löscht alle Daten von Tandem auf diesem Telefon und ihren Schlüssel. Es lässt sich nicht rückgängig machen; exportiere vorher, wenn du etwas behalten möchtest.
notice-files-failed = Tandem konnte eine benötigte Datei nicht lesen oder schreiben. Prüfe, ob das Gerät freien Speicher hat, und versuch es dann noch einmal.
notice-unknown-zone = Tandem kennt die Zeitzone dieses Telefons nicht. Prüfe die Einstellungen für Datum und Uhrzeit und versuch es dann noch einmal.
notice-pairing-rejected = Die Ziffern stimmten nicht überein, daher wurden die Telefone nicht gekoppelt. Fangt noch einmal an, mit deinem Gegenüber neben dir.
notice-key-missing = Die Daten von Tandem sind noch auf diesem Telefon, aber der Schlüssel dazu fehlt (das kann nach dem Wiederherstellen des Telefons aus einem Backup passieren), daher lassen sie sich nicht öffnen. Es wurde nichts gelöscht. Du kannst aus einem Export wiederherstellen oder mit einem leeren Tandem neu anfangen; die gesperrten Daten werden in beiden Fällen beiseitegelegt.
notice-start-over = Neu anfangen legt ein neues, leeres Tandem auf diesem Telefon an. Die gesperrten Daten lassen sich ohne ihren Schlüssel nicht öffnen; sie werden beiseitegelegt, nicht gelöscht, und ihr müsst eure Telefone neu koppeln.
notice-key-store-failed = Tandem erreicht den Schlüsselspeicher dieses Telefons gerade nicht und kann deine Daten daher nicht öffnen. Es wurde nichts geändert oder gelöscht. Versuch es noch einmal; oft hilft ein Neustart des Telefons.
notice-sync-file-bad-name = Tandem hat diese Datei nicht übernommen: Ihr Name ist keiner, den Tandem schreibt. Bitte dein Gegenüber, sie noch einmal aus Tandem zu senden.
notice-sync-file-too-large = Tandem hat diese Datei nicht übernommen: Sie ist viel größer als jede Aktualisierung, die Tandem sendet, also ist sie keine.
notice-sync-file-not-sync = Tandem hat diese Datei nicht übernommen: Sie ist keine Aktualisierung aus Tandem.
notice-sync-file-unreadable = Tandem konnte diese Datei nicht lesen. Versuche, sie noch einmal zu senden.
notice-unexpected = In Tandem ist etwas schiefgegangen. Bitte versuch es noch einmal.

## Visibility and audit

visible-heading = Das Handy deines Gegenübers enthält
visible-empty = Bisher nur den Namen dieses Handys: Nichts, was du geteilt hast, ist schon auf dem Handy deines Gegenübers.
visible-group-device-name = Der Name deines Handys
visible-group-shared-ritual = Gemeinsame Rituale
visible-group-ritual-note = Notizen zu gemeinsamen Ritualen
visible-group-agreement = Vereinbarungen
visible-group-boundary = Grenzen, die du geteilt hast
visible-group-check-in = Check-ins, die du geteilt hast
visible-group-appreciation = Wertschätzungen
visible-group-repair = Schritte aufeinander zu, die du geteilt hast
visible-group-phrase = Formulierungen, die du geteilt hast
visible-group-pause = Pausen
visible-group-rest-week = Ruhewochen
visible-group-answer = Deine Antworten
visible-group-made-private = Gesendet, bevor du es privat gemacht hast
visible-cannot-recall = Schon auf dem Handy deines Gegenübers: Wieder privat machen beendet das weitere Teilen, holt es aber nicht zurück.
visible-newest-only = Hier stehen nur die neuesten { $count }.
visible-show-all = Alles zeigen
visible-answers-newest-only = Hier stehen nur die neuesten { $count } Antworten zu dem, was oben steht.
visible-ritual = { $title } ({ $status ->
        [proposed] vorgeschlagen
        [countered] andere Zeit vorgeschlagen
        [active] aktiv
        [paused] pausiert
        [declined] findet nicht statt
       *[retired] beendet
    })
visible-agreement = { $title } ({ $status ->
        [proposed] vorgeschlagen
        [active] gilt
        [declined] kommt nicht zustande
       *[withdrawn] zurückgezogen
    })
visible-check-in = { $temperature }/10, { $need }
visible-pause = Eine Pause
visible-rest-week = Die Woche ab { $date }
visible-answer = { $answer ->
        [accepted] { $title } angenommen
        [declined] { $title } abgelehnt
        [countered] Eine andere Fassung von { $title } vorgeschlagen
        [kept] { $title } beim Rückblick so gelassen
       *[withdrew] Zustimmung zu { $title } zurückgezogen
    }
audit-heading = Was du hier geteilt, exportiert oder geändert hast
audit-ritual-proposed = Du hast ein gemeinsames Ritual vorgeschlagen
audit-ritual-countered = Du hast eine andere Fassung eines gemeinsamen Rituals vorgeschlagen
audit-ritual-accepted = Du hast eine Fassung eines gemeinsamen Rituals angenommen
audit-ritual-declined = Du hast eine Änderung an einem Ritual abgelehnt
audit-ritual-paused = Du hast ein gemeinsames Ritual pausiert
audit-ritual-resumed = Du hast ein gemeinsames Ritual wieder aufgenommen
audit-ritual-retired = Du hast ein gemeinsames Ritual beendet
audit-ritual-done = Du hast ein gemeinsames Ritual als erledigt markiert
audit-ritual-done-words = Du hast ein gemeinsames Ritual als erledigt markiert, mit einer Notiz oder einem Gefühl
audit-ritual-skipped = Du hast ein gemeinsames Ritual einmal ausgelassen
audit-ritual-moved = Du hast ein gemeinsames Ritual einmal verschoben
audit-rest-declared = Du hast eine Ruhewoche eingelegt
audit-rest-called-off = Du hast eine Ruhewoche abgesagt
audit-boundary-shared = Du hast eine Grenze geteilt
audit-boundary-unshared = Du hast eine Grenze wieder privat gemacht
audit-boundary-changed = Du hast eine geteilte Grenze geändert
audit-boundary-retired = Du hast eine geteilte Grenze losgelassen
audit-agreement-proposed = Du hast eine Vereinbarung vorgeschlagen
audit-agreement-amended = Du hast eine neue Fassung einer Vereinbarung vorgeschlagen
audit-agreement-accepted = Du hast eine Fassung einer Vereinbarung angenommen
audit-agreement-declined = Du hast eine Fassung einer Vereinbarung abgelehnt
audit-agreement-withdrawn = Du hast deine Zustimmung zu einer Vereinbarung zurückgezogen
audit-agreement-kept = Du hast eine Vereinbarung beim Rückblick so gelassen
audit-check-in-shared = Du hast einen Check-in geteilt
audit-appreciation-sent = Du hast eine Wertschätzung geschickt
audit-repair-shared = Du hast einen Schritt aufeinander zu geteilt
audit-phrase-shared = Du hast eine Formulierung geteilt
audit-pause-started = Du hast eine Pause begonnen
audit-pause-extended = Du hast eine Pause verlängert
audit-pause-ended = Du hast eine Pause beendet
audit-exported = Du hast alles exportiert, mit einer Passphrase geschützt
audit-exported-plaintext = Du hast alles ungeschützt exportiert (Klartext)
audit-exported-calendar = Du hast Rituale als Kalenderdatei exportiert
audit-unpaired = Du hast die Verbindung dieses Handys getrennt
audit-stopped-shared = Du hast die gemeinsamen Rituale und Vereinbarungen hier beendet
audit-deleted-partner-data = Du hast die geteilten Daten deines Gegenübers von diesem Handy gelöscht
audit-lock-on = Du hast die App-Sperre eingeschaltet
audit-lock-off = Du hast die App-Sperre ausgeschaltet
audit-wiped = Ein früheres Tandem auf diesem Handy wurde gelöscht

## Pairing

pairing-heading-start = Verbindet eure Handys
pairing-heading-code = Dein Code
pairing-heading-compare = Vergleicht die Ziffern
pairing-heading-paired = Verbunden
pairing-start = Setzt euch zusammen. Eine Person zeigt einen Code, die andere scannt ihn; danach zeigen beide Handys Ziffern zum Vergleichen.
pairing-show-code = Lass dein Gegenüber diesen Code scannen, dann scanne den Code auf seinem Bildschirm.
pairing-code-closed = Dieser Code lässt sich nicht mehr scannen. Wenn dein Gegenüber ihn schon gescannt hat, scanne jetzt den Code auf seinem Bildschirm; sonst zeig einen neuen Code.
pairing-show-answer = Lass dein Gegenüber diesen Code scannen. Sobald sein Bildschirm auch Ziffern zeigt, prüft, ob sie mit diesen übereinstimmen.
pairing-compare = Stimmen diese Ziffern mit denen { $named ->
        [yes] auf dem Bildschirm von { $who } überein?
       *[no] auf dem Bildschirm deines Gegenübers überein?
    }
pairing-good-until = Gültig bis { $time }
pairing-paired-with = { $named ->
        [yes] Verbunden mit { $who }
       *[no] Verbunden mit deinem Gegenüber
    }
pairing-paired-answer = Wenn der Bildschirm deines Gegenübers die Ziffern noch nicht zeigt, lass dein Gegenüber diesen Code scannen. Empfange danach seine erste Datei, um das Verbinden abzuschließen.
pairing-paired = Eure Handys gleichen sich über die Dateien ab, die ihr euch auf dem Bildschirm „Abgleichen“ schickt.
pairing-keys = Schlüssel: Generation { $epoch }, zuletzt erneuert am { $date } um { $time }. Sie erneuern sich, wenn ihr abgleicht.
pairing-camera = Tandem braucht die Kamera, um den Code deines Gegenübers zu scannen. Wenn du vorher abgelehnt hast, erlaube sie in den Einstellungen des Handys.
pairing-allow-camera = Kamera erlauben
pairing-close-camera = Kamera schließen
pairing-ran-out = Dein Code ist abgelaufen, bevor das Verbinden fertig war. Zeig einen neuen Code, wenn ihr beide so weit seid.
pairing-action-show-code = Meinen Code zeigen
pairing-action-scan = Den Code meines Gegenübers scannen
pairing-action-match = Sie stimmen überein
pairing-action-differ = Sie unterscheiden sich
pairing-action-check = Prüfen, ob der Code noch gilt
pairing-action-cancel = Abbrechen
pairing-action-unpair = Verbindung dieses Handys trennen
