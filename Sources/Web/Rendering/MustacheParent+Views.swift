// Direct lookups for the views rendered most often, so mustache need not reflect on them (`Mirror` was most of
// the unmet-need page's time: every name in a template was found by walking the value's fields).
import Mustache

extension Layout: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "body": body
        case "stylesheet": stylesheet
        case "account": account
        case "navigation": navigation
        case "csrfToken": csrfToken
        case "backLink": backLink
        case "help": help
        default: nil
        }
    }
}

extension Layout.AccountLine: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "email": email
        case "role": role
        case "home": home
        default: nil
        }
    }
}

extension Navigation.Item: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        default: nil
        }
    }
}

extension SelectOption: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

extension UnmetView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "total": total
        case "asOf": asOf
        case "computedAt": computedAt
        case "filterLine": filterLine
        case "rows": rows
        case "teams": teams
        case "services": services
        case "disabilities": disabilities
        case "longestFirst": longestFirst
        case "sortHref": sortHref
        case "csvHref": csvHref
        case "previousHref": previousHref
        case "nextHref": nextHref
        case "pageLine": pageLine
        case "toleranceLine": toleranceLine
        case "chart": chart
        case "trend": trend
        default: nil
        }
    }
}

extension UnmetView.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": reference
        case "childName": childName
        case "href": href
        case "team": team
        case "area": area
        case "what": what
        case "since": since
        case "days": days
        case "reason": reason
        case "missedByMonth": missedByMonth
        case "causes": causes
        default: nil
        }
    }
}

extension UnmetView.TrendRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "month": month
        case "noProvision": noProvision
        case "behind": behind
        case "total": total
        default: nil
        }
    }
}
