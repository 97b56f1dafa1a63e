// Teaches `None` as the default for a list or dictionary parameter, so each call gets a fresh one instead of
// sharing one made when `def` ran. Found by runner-image/tutor_analysis/reviewers/mutable_default_argument.py,
// which rewords the mutable-default-argument detector.
import { conceptLesson, defineSuggestion } from "../suggestion-module";

export default defineSuggestion({
  lesson: conceptLesson("mutable-default-argument"),
  example: {
    before: `def add_topping(topping, pizza=[]):
    pizza.append(topping)
    return pizza`,
    after: `def add_topping(topping, pizza=None):
    if pizza is None:
        pizza = []
    pizza.append(topping)
    return pizza`,
  },
});
