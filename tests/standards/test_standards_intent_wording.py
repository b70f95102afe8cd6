"""Intents recognized from reworded moves, and the mechanisms that keep them apart.

Each case is a meaning the catalog's patterns must carry, written the way agents say it
rather than the way the seeds list it; the negatives are near-misses that share its words.
The matcher here has no learned model: these are the catalog's own verdicts.
"""

from __future__ import annotations

import pytest

from simulator.standards import Catalog, PhraseMatcher
from simulator.standards.forms import TextForms
from simulator.standards.intents import MIN_SOUND_SPAN, PatternSet
from simulator.standards.negation import negated
from simulator.standards.normalize import normalize
from simulator.standards.pinyin import Readings

# (group, utterance): the move is made.
SAID = [
    # The line named in a clause of its own, after the greeting, before it, or mid-call.
    ("self_intro", "早上好，城北自来水公司，请问有什么需要？"),
    ("self_intro", "您好，市一院挂号处，请讲。"),
    ("self_intro", "平安财险，您好，请问是要报案吗？"),
    ("self_intro", "不好意思，这是燃气公司的报修电话，您可能打错了。"),
    ("self_intro", "我是联通客服小吴。"),
    # What the caller wants done, asked with a want and a do.
    ("offer_help", "您今天主要想办什么？"),
    ("offer_help", "您需要我们帮您处理什么？"),
    # Another office's business, said as what this one does not do.
    ("out_of_scope", "驾照换证我们保险公司不代办。"),
    # Line trouble, the handset, a helper and the caller's name, in everyday words.
    ("call_again", "麻烦您换个手机再打过来试试。"),
    ("call_again", "您过一会儿再拨一下吧。"),
    ("line_blame", "我这边信号不太好，听不清您说话。"),
    ("handset", "您那边是不是开着免提？麻烦关一下免提。"),
    ("dialect_helper", "麻烦您让家里的年轻人帮您说一下。"),
    ("ask_name", "请问您叫什么名字？"),
    ("lingering_notice", "那我这边先挂了，祝您生活愉快，再见。"),
    ("no_transfer", "热线这边没法帮您转过去，我可以先把您的需求记下来。"),
    ("work_name_only", "我只能告诉您我的工号，有事您打热线找1024号就行。"),
    ("colleague_decline", "私事我们这边没法帮您传话，您直接打她手机联系吧。"),
    ("supervisor_callback", "我让我们班长明天上午给您回个电话。"),
    ("own_fault_recheck", "是我刚才弄错了，我马上重新帮您查一遍。"),
    ("colleague_trained", "我们的同事都是经过专业培训的，我也一样能帮您办。"),
    ("verify_mismatch", "不好意思，您报的身份证号和系统里的对不上，麻烦您再核对一下。"),
    # Where to turn, in everyday words.
    ("scope_suggest", "您得打体育彩票的客服热线问一下。"),
    ("scope_suggest", "户口迁移这个要去派出所办。"),
    ("scope_suggest", "他们的电话是12122。"),
    # 答复 sounds like 大夫 but names nobody else: the agent gets back.
    ("callback_request", "这个我现在答复不了您，我问一下再给您回过去。"),
    # A choice between services asks what is needed, inside a redirect too.
    ("offer_help", "先生，这条线路是订票专线，您是要订票还是改签？"),
    # Playing along, however it goes on.
    ("agree_to_chat", "行啊，反正这会儿也没啥电话，您想聊点啥？"),
    ("agree_to_chat", "哈哈，我也喜欢吃火锅。"),
    # The agent's own promise, and the agent's own callback, are still the moves.
    ("commitment", "按规定，您这个诉求我们会在十五个工作日内给您答复。"),
    ("callback_request", "我核实以后两个小时内给您回电。"),
    ("callback_request", "我问一下同事，查清楚后我给您回电话。"),
    ("complaint_recorded", "您别生气，您说的这个情况我先记下来，马上反馈给抢修班组。"),
    ("apology", "耽误您时间了，刚才系统比较慢。"),
    ("apology", "让您等了这么久，先生，您还在吗？"),
    ("offer_help", "嗯，您好，您打过来是为啥事啊？"),
    ("wrong_number", "您号码是不是记错了？这是水务集团客服。"),
    ("wrong_number", "您要打的应该是另外一个号码，这里是电信，不是移动。"),
    ("out_of_scope", "这个咨询我们热线答不了，属于税务局的业务，您可以拨打12366。"),
    ("out_of_scope", "学位分配由教育局负责，我把咨询电话告诉您，好吗？"),
    ("out_of_scope", "不好意思，代缴交通罚款我们这边不受理，您可以在交管12123上处理。"),
    # Another office's remit, passed on for the caller: still outside this line's scope.
    ("out_of_scope", "路面塌陷的维修由市政公司负责，我这边帮您把情况转给他们。"),
    ("offer_help", "您好，市水务集团客服中心，请问您是要报修还是查询水费？"),
    # A silent line: if you can hear me, make a sound; is the phone muted; still there?
    ("silent_prompt", "要是您听得见，麻烦您随便说句话。"),
    ("silent_prompt", "您好，您那边是不是按了静音？"),
    ("silent_prompt", "还在吗？"),
    # The caller's outlet, with their role or in a list of what to leave.
    ("ask_organization", "请问您是哪个营业部的经理？"),
    ("ask_organization", "麻烦您留一下名字、单位和手机号。"),
    # Asked to say it again in other words, or what was just said asked again.
    ("repeat_request", "刚才杂音太大，麻烦您重说一下车牌号。"),
    ("repeat_request", "您刚才说的是几单元来着？"),
    # Another office the caller must go to instead.
    ("out_of_scope", "护照的事您得去出入境管理局办。"),
    # Recorded or passed on in other words.
    ("complaint_recorded", "您讲的我都记上了，会转给网点核实。"),
    ("complaint_recorded", "这个投诉我已受理，编号短信发您。"),
    ("complaint_recorded", "我刚把工单转到燃气公司了。"),
    # A time offered and asked about, or which day or slot suits.
    ("ask_time", "周三上午九点到十点您方便吗？"),
    ("ask_time", "您下周哪天有空？"),
    ("ask_time", "您一般几点能接我们电话？"),
    # Which kind of matter the caller has, this or that.
    ("offer_help", "您好，请问是账单方面还是套餐方面的问题？"),
    # Someone else gets back: an office by its ending, or someone the agent sends.
    ("media_handoff", "市场监管局会在十个工作日内答复您。"),
    ("media_handoff", "我让我们片区经理下午给您回个电话。"),
    # Announcing the end of the call, in any call (the corpus's label policy): to call back,
    # after the matter was taken up, or as a warning to an abusive caller.
    ("offtopic_end", "好，那我这边先挂断，半小时内查好了给您回电。"),
    ("offtopic_end", "单子已经派下去了，那我先挂了，您留意短信。"),
    ("offtopic_end", "您要是再骂人，我这边只能挂电话了。"),
    ("offtopic_end", "今天就先到这儿，祝您生活愉快。"),
    # More time asked for on the line; a number to call oneself by.
    ("hold_request", "系统有点慢，再给我半分钟。"),
    ("hold_request", "不好意思，再耽误您一小会儿，马上就好。"),
    ("self_intro", "名字就不说了哈，您叫我3021号就行。"),
    # Back to business in so many words.
    ("offtopic_redirect", "好啦，闲话就先打住，您的燃气卡充上了没有？"),
    ("offtopic_redirect", "哎，说远了，咱们还是回到您的报修单上。"),
    ("offtopic_redirect", "您别拿我寻开心了，言归正传，您家哪儿漏水？"),
    # A laugh keeps the chat going when nothing in the turn turns it down.
    ("agree_to_chat", "嘿嘿，您说话真逗。"),
    ("agree_to_chat", "哈哈，是吗，那后来呢？"),
    ("agree_to_chat", "哈哈，我也爱吃烧烤，不过咱先说正事，您要办什么业务？"),
    # No hurry, said to ease the caller while they look for something.
    ("empathy", "不急不急，您把存折翻出来再跟我说。"),
    ("empathy", "您先把单子拿过来，不着急，我在线上。"),
    # Our own office getting back is the agent's callback.
    ("callback_request", "我们中心会在三个工作日内给您回电。"),
    ("callback_request", "本公司核实以后会给您回电。"),
    ("offer_help", "师傅您好，您是要交燃气费还是报修呀？"),
    ("more_help", "您看还有别的吗？"),
    ("more_help", "除了这个，您还有没有别的事儿要问的？"),
    ("media_comment", "据我了解，那批彩票确实存在印刷问题。"),
    ("media_comment", "具体伤了几个人我不清楚，但都没有生命危险。"),
    ("media_comment", "赔偿的金额大概是每户五百块。"),
    ("media_handoff", "您的客户经理是小王，她会尽快联系您。"),
    ("media_handoff", "这个问题比较复杂，我请专业的同事为您解答。"),
    ("ask_time", "您希望我们在什么时间给您打电话？"),
    ("ask_time", "那您一般几点下班，下班后联系您方便吗？"),
    ("ask_phone", "那个，能不能留一个您家里的座机号？"),
    ("ask_phone", "还有没有其他联系人的电话？"),
    ("ask_organization", "先生，请问您所在的律所叫什么？"),
    ("agree_to_chat", "我是九零后，属马的。"),
    ("agree_to_chat", "您声音也挺好听的，您是做什么工作的呀？"),
    ("offtopic_redirect", "与业务无关的问题我没法回答，您想了解哪项业务？"),
    ("out_of_scope", "这个已经超出我们客服的职责范围了，建议您走法律途径。"),
    ("out_of_scope", "很抱歉，帮您选号这种服务我们是不提供的。"),
    ("wrong_number", "女士，您可能误拨了我们的号码，这里是福利彩票客户服务热线。"),
    ("complaint_recorded", "您反映的漏水问题我已经派单给维修班组了。"),
    ("complaint_recorded", "我已经把您的情况向值班领导汇报了。"),
    ("empathy", "这种情况搁谁身上都闹心，我懂。"),
    ("empathy", "碰上这种情况确实闹心。"),
    ("empathy", "这事真是糟心，我帮您看看。"),
    ("empathy", "阿姨您别慌，燃气我们已经远程关掉了。"),
    ("praise_reply", "哪里，您过奖了。"),
    ("praise_reply", "没事没事，举手之劳。"),
    ("praise_reply", "您客气啦，都是应该做的。"),
    ("praise_reply", "能帮上您，我们也挺开心的。"),
    ("praise_reply", "不敢当不敢当，谢谢您对我们热线的肯定。"),
    ("holiday_wish", "马上就过年了，提前给您拜个早年。"),
    ("self_intro", "嗯您好，我是宽带售后的小郑。"),
    # The line named mid-call, steering back or declining.
    ("self_intro", "咱们这是燃气热线，唠嗑我就不陪了。"),
    ("self_intro", "您拨的是市医保中心，医保的事都可以问我。"),
    ("offer_help", "您好，请问是哪里需要帮忙呢？"),
    ("agree_to_chat", "周末我一般去逛街或者看电影。"),
    ("agree_to_chat", "我还没结婚呢，谢谢关心。"),
    # A feeling named in any word of the {feeling} class, understood, granted or calmed.
    ("empathy", "我明白，钱没到账心里总是不踏实。"),
    ("empathy", "中奖了又领不到，心里肯定七上八下的。"),
    ("empathy", "这种事儿谁碰上都膈应。"),
    ("empathy", "等了四十分钟才接通，您有火气是正常的。"),
    ("empathy", "您先别慌，卡冻住了钱就转不走。"),
    # Not handled here, in any words, with where to go instead.
    ("out_of_scope", "二手车过户我们售后这边是不经手的，您得找车管所。"),
    ("out_of_scope", "我们这条线只处理信用卡业务，房贷的问题得打贷款中心的电话。"),
    ("out_of_scope", "那是社保局的职能，我们这边答复不了。"),
    # The line answered by its name alone, or a number-named line with its greeting.
    ("self_intro", "供电热线。"),
    ("self_intro", "ETC客服，请说。"),
    ("self_intro", "市公交集团，您好。"),
    ("self_intro", "12345，您好。"),
    # Steering back with an offer limited to the line's business.
    ("offtopic_redirect", "先生，如果您有燃气方面的问题，我很乐意帮您处理。"),
    ("wrong_number", "先生，我们这是华润燃气，不是您要找的医院。"),
    ("wrong_number", "先生您可能拨串号了，这是人保财险的理赔专线。"),
    ("wrong_number", "您看看号码是不是按错了。"),
    ("holiday_wish", "不客气，祝您和家人新春快乐，再见！"),
]

# (group, utterance): words of the move, another meaning.
NOT_SAID = [
    # The agent calling back is no request to call again.
    ("call_again", "我这边稍后再打给您。"),
    ("ask_name", "我的名字是小李。"),
    ("colleague_decline", "您稍等，我打她手机问问她在不在。"),
    # The agent going to ask, and no need to go anywhere, suggest nowhere to turn.
    ("scope_suggest", "我得去问一下主管。"),
    ("scope_suggest", "您不用去找别的部门，我们这边就能办。"),
    # A role without a name, and which line without its name.
    ("self_intro", "我是一名客服，私人问题不方便回答。"),
    ("self_intro", "就是这个热线，您请讲。"),
    # Someone else will ask; someone else gets back, whatever comes between.
    ("offer_help", "营业员会问您要办什么业务，您照实说就行。"),
    ("callback_request", "王主任明天上班以后会给您回电话。"),
    # Which company sold the policy, not the caller's outlet.
    ("ask_organization", "您的车险是在哪家公司买的？"),
    # Snapping 「别激动行不行」 calms nothing; the agent telling what happened invites nothing.
    ("empathy", "您别激动行不行，先听我说完。"),
    ("complaint_invite", "我把当时的处理经过跟您说一下。"),
    # Someone at home for a visit, a dial tone; declining to chat.
    ("silent_prompt", "请问您家里白天有人吗？师傅要上门换电表。"),
    ("silent_prompt", "您家电话能听到拨号音吗？"),
    ("agree_to_chat", "聊什么聊啊，我这忙着呢，有事快说。"),
    # A search that found nothing is no office's remit.
    ("out_of_scope", "我们这边查不到您的订单，麻烦您再核对一下单号。"),
    # The agent's own office gets back, or the agent asks a superior first: no handoff.
    ("media_handoff", "我们中心会在三个工作日内答复您。"),
    ("media_handoff", "我先请示一下领导，核实后给您回电。"),
    # The agent asking another office first is no referral of the caller.
    ("out_of_scope", "这个我得联系一下技术部门才清楚。"),
    # How clearly the caller speaks, noted, records no matter.
    ("complaint_recorded", "您说话挺清楚的，我都记下了。"),
    # A time said as a fact asks nothing.
    ("ask_time", "我们周六上午也开放。"),
    # Calling again if the caller can hear, or checking a muted television, prompts no one.
    ("silent_prompt", "如果您能听到我说话，请您挂机后重新拨打。"),
    ("silent_prompt", "电视没声音的话，先看看是不是按了静音。"),
    # Where the caller lives asks no outlet, and an outlet already noted asks nothing.
    ("ask_organization", "请问您是哪个小区的业主？"),
    ("ask_organization", "您的手机号和单位我刚才都记下了。"),
    # Time asked for before calling back is no hold on the line.
    ("hold_request", "再给我十分钟，我查好了一定给您回过去。"),
    # Money going back to an account goes back to no topic.
    ("offtopic_redirect", "多扣的费用会原路退回到您的银行卡。"),
    # A laugh or enjoying the joke, in a turn that declines or steers back, plays along
    # with nothing.
    ("agree_to_chat", "哈哈，您可真幽默，不过上班时间咱不闲聊哈。"),
    ("agree_to_chat", "呵呵，您别拿我开玩笑了，单位规定不让私聊。"),
    ("agree_to_chat", "嘿嘿，您太会说了。咱说回正事，您家燃气表怎么了？"),
    ("agree_to_chat", "聊天这个我真陪不了，您有业务上的事再打过来。"),
    ("agree_to_chat", "嘻嘻，您真会说笑，可惜我这儿只管电费的事。"),
    ("agree_to_chat", "呵呵，您太有意思了，不过单位规定不能跟客户聊私事。"),
    # A feeling word that is no feeling of the caller's: a task that is not easy, the
    # agent's own job, a feeling denied.
    ("empathy", "这个手续确实不容易办，要跑三个部门。"),
    ("empathy", "我不知道您在生气什么，规定就是这样。"),
    # A note of a detail being said, the caller writing it down, a record as a fact.
    ("complaint_recorded", "大爷，您慢慢说，就是声音稍微提高一点点，我好给您记下来。"),
    ("complaint_recorded", "您可以把这些单据记下来，去柜台办的时候带上。"),
    ("complaint_recorded", "您的投诉记录显示上周已经处理完结了。"),
    # The agent repeats or raises their own voice; doing something again is not saying it again.
    ("repeat_request", "对不起，刚才我语速太快，您没跟上吧，我慢慢再讲一遍。"),
    ("repeat_request", "我换成普通话，不夹方言，再给您把办理流程讲一遍。"),
    ("repeat_request", "不好意思，您按的验证码好像少了一位，麻烦您重新输一遍。"),
    ("repeat_request", "麻烦您把照片重新发一遍，刚才那张有点糊。"),
    ("speak_up", "我把声音调大一点，您听着能清楚些吧？"),
    ("speak_up", "不好意思，是我声音太小了吧，我说大声一点。"),
    # Speaking frankly, or owning up to rudeness, answers no thanks.
    ("praise_reply", "不客气地说，这个手续费在同行里确实偏高。"),
    ("praise_reply", "我刚才说话有点不客气，跟您道个歉。"),
    # A number on a form or said for an account, not the line dialled.
    ("wrong_number", "您报的身份证号码不对，少了一位。"),
    ("wrong_number", "您在网上填的手机号码不对，所以收不到验证码。"),
    # No hurry about a task gives time; patience with an explanation or a wait of days is no hold.
    ("empathy", "您不着急的话，可以等明天营业厅开门再去办。"),
    ("empathy", "这张表不急着填，下礼拜交也来得及。"),
    ("empathy", "您先别急着退保，听我把几个方案说完再定。"),
    # Time to speak is patience, not a feeling named or calmed.
    ("empathy", "您慢慢说，我在听。"),
    ("hold_thanks", "谢谢您的耐心解释，我明白您的意思了。"),
    ("hold_thanks", "让您等了快一个礼拜还没收到货，真的很抱歉。"),
    # We get back ourselves, or after asking a colleague: nobody else is handed the matter.
    ("media_handoff", "这个问题我们会在一个工作日内联系您。"),
    # Another office, named by its ending or a staff member by their role, gets back.
    ("callback_request", "区住建局会在五个工作日内给您答复。"),
    ("callback_request", "理赔专员明天上午会跟您电话联系。"),
    ("callback_request", "燃气公司那边会尽快联系您。"),
    ("callback_request", "我们明天上午安排专人给您回电。"),
    ("callback_request", "等主任开完会，我让她给您回个电话。"),
    # The agent's kind of line named in passing, as the owner of something, introduces no one.
    ("self_intro", "我们的快递员中午一般不派件。"),
    ("self_intro", "股票开户不在我们银行的业务范围里。"),
    ("media_handoff", "这个我也不太清楚，我帮您问一下负责的同事，问到了给您回电。"),
    # Ours after all.
    ("out_of_scope", "您反映的这个问题正好属于我们的业务，我马上帮您处理。"),
    ("out_of_scope", "这件事我们这边没有相关的记录。"),
    # Narrowing a request already made compares details, not services.
    ("offer_help", "您是要查询本月账单还是上个月的？"),
    ("offer_help", "您是要寄到单位还是寄到家里？"),
    # Another document or thing still at hand, not another need.
    ("more_help", "除了身份证，您手上还有别的有效证件吗？"),
    ("more_help", "您这张卡上还有其他的定期存款吗？"),
    # A rule's time limit, not the agent's promise.
    ("commitment", "按规定，投诉受理后十五个工作日内要办结。"),
    ("commitment", "航空公司规定行李丢失的赔付要在二十一天内完成。"),
    # Another line to call is a referral.
    ("self_intro", "您可以拨打12345政务服务热线咨询。"),
    ("self_intro", "这事归公积金中心管，他们的服务热线是12329。"),
    # A category names no line; another's line is not the agent's.
    ("self_intro", "这是客服热线，不是聊天的地方。"),
    ("self_intro", "这是他们的服务热线，号码我发给您。"),
    # A past time, the caller's deadline, a system's time.
    ("commitment", "系统会在五分钟内给您发一条验证码短信。"),
    ("commitment", "您说的是48小时之前下的那个订单吧？"),
    ("ask_organization", "表格上单位名称那一栏，您填现在的工作单位就行。"),
    ("self_intro", "给您派单的师傅工号是6021，姓王。"),
    ("offtopic_redirect", "新年好！这里是市人民医院咨询台，请问您有什么需要？"),
    # A condition, thanks for the call itself, a deadline, a narrowing question, a lookup.
    ("praise_reply", "没事儿的话就谢谢您来电，再见哈。"),
    ("ask_phone", "谢谢您的电话哈，水明天早上就能来。"),
    ("ask_phone", "电话号码您不想留的话也行，记住这个工单号就能查。"),
    ("empathy", "缴费不用着急，月底前交上都不算逾期。"),
    ("offer_help", "劳驾您重新说一下，您是要办停机还是销户？"),
    ("ask_organization", "您是想查哪个单位的对外电话？"),
    ("commitment", "缴清之后两小时内自动复通。"),
    # Another thing besides this one, or whether one is still available.
    ("more_help", "还有别的网点也能办，您看哪个离您近。"),
    ("more_help", "我帮您看一下明天上午还有没有专家号。"),
    ("more_help", "除此之外没有其他费用了，就这一笔。"),
    # Someone else calls back, or this call is the late callback.
    ("callback_request", "工作人员会尽快给您回电。"),
    ("callback_request", "很抱歉这么晚才给您回电话，您昨天问的问题已经查清楚了。"),
    # The line of this call, or what the agent does not know, is no comment to the press.
    ("media_comment", "很抱歉，由于线路故障，通话质量很差，请您稍后再拨打我们的热线。"),
    ("media_comment", "伤者的情况我这边不掌握，宣传科的同事会统一答复您。"),
    # Mandarin used by the agent, or offered as a menu option.
    ("ask_mandarin", "我给您用普通话再解释一遍条款。"),
    ("ask_mandarin", "语音导航按一号键是普通话，按二号键是粤语。"),
    # A wait described, or one thanked for.
    ("hold_request", "验证码稍等几秒就会发到您手机上。"),
    ("hold_request", "谢谢您稍等，核实好了，这张彩票中的是五等奖。"),
    # Shyness, and the word named rather than said.
    ("apology", "不好意思留名的话，匿名反映也可以受理。"),
    ("apology", "对不起三个字就不用说了，您又没做错什么。"),
    # Someone else serving; a form's field; an opening that names the line.
    ("glad_to_serve", "以后您这片的报修都由新来的管家为您服务。"),
    ("ask_organization", "开发票需要填单位名称和税号，您在APP里填就行。"),
    ("offtopic_redirect", "您好，这里是12345市民热线，请问您要反映什么事情？"),
    ("offtopic_end", "抱歉，听不到您的声音，请您挂机后重拨。"),
    # An outage explained to the customer it affects is service, not a press statement.
    ("media_comment", "这次停电的根本原因是变压器老化，我们已经安排更换，请您谅解。"),
    # Denying an error to the caller is the `infallible` brush-off, graded on its own.
    ("media_comment", "不存在多扣的情况，你别瞎说。"),
    # Passing it to 「相关部门」 is recording it, not a dedicated person getting back.
    ("media_handoff", "您的情况我已经记录下来了，会尽快提交给相关部门处理。"),
    ("media_handoff", "我们有专人负责审核兑奖材料。"),
    ("ask_time", "您方便的时候可以到网点来办。"),
    ("ask_phone", "请稍等，我将您的电话转接给社保专席。"),
    ("offtopic_redirect", "手语翻译服务需要提前预约。"),
    ("out_of_scope", "这项业务在我们的服务范围内，我马上为您办理。"),
    ("wrong_number", "您没有打错，我们就是福利彩票的客服热线。"),
    ("complaint_recorded", "这个需要核实，我先记下您的电话，稍后给您答复，可以吗？"),
    ("glad_to_serve", "为了更好地为您服务，请您先验证一下身份。"),
    ("glad_to_serve", "请稍等，我将您的电话转接给社保专席，他将继续为您服务。"),
    ("praise_reply", "您不用说对不起，我们继续核对信息就好。"),
    # 「没事」 answers an apology or a pause as readily as thanks.
    ("praise_reply", "没事，您慢慢找，找到了告诉我就行。"),
    ("holiday_wish", "节日快乐的短信是系统自动发送的。"),
    ("silent_prompt", "听得见听得见，您请说。"),
    ("apology", "您不用觉得不好意思，咱们接着办就行。"),
    ("offtopic_end", "十秒钟不说话我就挂了。"),
    ("offtopic_end", "非常抱歉，您的需求超出了我们的服务范围，建议您咨询消费者协会。"),
    ("empathy", "您先别急着挂，我把处理进度跟您说一下。"),
    ("empathy", "我真的生气了，您别再说了。"),
    # Everyday service sentences sharing a move's words.
    ("commitment", "您的银行卡已经挂失成功，新卡七个工作日内寄到。"),
    ("commitment", "我们的维修师傅一般在两小时内上门。"),
    ("self_intro", "您的工单编号是二零二三一零八，请您记一下。"),
    ("ask_organization", "您的工作单位需要给您开一个证明。"),
    ("apology", "这是我们的规定，请您理解。"),
    ("media_comment", "您这个情况可能是网络信号不好导致的，建议您重启一下手机。"),
    ("media_comment", "我觉得您这个方案可以试试。"),
    ("media_comment", "是您的密码输错导致的，我帮您重置一下。"),
    ("media_comment", "原因是您的账户欠费了，缴费后就能恢复。"),
    ("complaint_recorded", "您可以把意见反馈到我们的官网。"),
    ("ask_phone", "您的电话号码我这边已经有了。"),
    ("ask_phone", "您留的电话打不通，是不是换号了？"),
    ("silent_prompt", "您能听到我说话，说明线路已经恢复了。"),
    ("offtopic_end", "您的银行卡我马上帮您挂失。"),
    ("ask_time", "您昨天是几点联系的我们？"),
    ("agree_to_chat", "正好现在没什么人排队，您可以直接过来办理。"),
    ("repeat_request", "我再给您重复一遍地址：人民路八十八号。"),
    ("wrong_number", "您要找的同事不是这个部门的，我帮您转过去。"),
    ("line_notice", "初步判断是您家里的线路问题，师傅上门再确认。"),
    ("offer_help", "您要办什么业务都需要先取号。"),
    ("offer_help", "您有什么需要的话，直接拨打这个号码就行。"),
    ("more_help", "还有其他问题的话，我们的营业厅也可以帮您。"),
    ("complaint_invite", "我给您描述一下办理流程。"),
    ("complaint_invite", "能说说您想要什么样的套餐吗？"),
    ("offtopic_end", "结束通话后您会收到一条短信。"),
    ("ask_mandarin", "我们的客服都讲普通话。"),
    ("repeat_request", "我再讲一遍，您记一下。"),
    ("complaint_recorded", "我们会把您的表扬转达给这位同事。"),
    ("media_comment", "我个人建议您先去医院检查一下。"),
    ("media_comment", "您说的情况属实的话，我们会给您退款。"),
    ("agree_to_chat", "好的，那我们聊聊您的套餐吧。"),
    ("agree_to_chat", "我平时也会提醒客户注意防诈骗。"),
    ("agree_to_chat", "不好意思，我是外地人，您能讲普通话吗？"),
    ("hold_request", "稍等几分钟，系统会自动给您发验证码。"),
    ("hold_request", "您先别挂，还有满意度评价。"),
    # Declining to chat after a laugh, personal details refused, the caller's question or
    # wish named, someone else to chat with: no playing along.
    ("agree_to_chat", "哈哈，我还在上班呢，这个不方便聊，咱们先把您的退款办好吧。"),
    ("agree_to_chat", "我不方便说我住哪个区，您要查的网点地址我倒是可以告诉您。"),
    ("agree_to_chat", "您要我的手机号是吧？不好意思，这个不能给。"),
    ("agree_to_chat", "您刚才问我喜欢吃什么，这个咱就不聊了。"),
    ("agree_to_chat", "好，既然您只是想找人聊聊天，那我这边就结束这通电话了，再见。"),
    ("agree_to_chat", "您要是想聊天，可以拨打心理援助热线，那边有专业的人陪您聊。"),
    # What usually happens, a payment or a system acting, how long something stays valid.
    ("commitment", "抢修队通常接单后四十五分钟内到达现场。"),
    ("commitment", "重复扣的那笔钱，三天内会原路退回。"),
    ("commitment", "ETC通行费一般会在通行后两天内扣款。"),
    ("commitment", "开奖之日起六十天内兑奖有效。"),
    # Someone else calls back: handed on, not the agent's own callback.
    ("callback_request", "主管会在两个工作日内给您回电。"),
    ("callback_request", "商家那边会给您回电话的，您留意一下陌生号码。"),
    ("callback_request", "您找领导的诉求我记下了，主任回来后会给您回电话。"),
    ("callback_request", "这个事有专人负责，等会他们会给您回过去。"),
    # A name with words before it is a referral, not the agent's own line; a generic one
    # names nothing; what the line is not names nothing either.
    ("self_intro", "这事您得去找供电公司。"),
    ("self_intro", "我们这儿是业务热线，电话都有录音的。"),
    ("self_intro", "您打错了，这边不是快递公司。"),
    # An ordinary offer to explain again is not steering back.
    ("offtopic_redirect", "如果您有疑问，我可以再给您解释一遍。"),
    # A detail noted as the caller gives it is a note, not the matter recorded.
    ("complaint_recorded", "好的，幸福里小区12栋，我记下了。"),
    ("complaint_recorded", "好的，明天下午两点以后，我记下来了。"),
    ("complaint_recorded", "您的手机号我记下了。"),
    # Asking for one detail by name is not inviting the caller to describe what happened.
    ("complaint_invite", "您这边是什么公司？方便说一下全称吗？"),
    # Sounds like thanks for waiting, and is thanks for the call, word for word.
    ("hold_thanks", "谢谢您的电话，再见。"),
]


REFUSED = [
    "陪您聊天可不行，这里是业务热线。",
    "陪您聊天是不行的，请问您有业务要办吗？",
    "跟您闲聊也不行，我们上班时间有规定。",
    "加微信肯定不行，工作期间只能通报工号。",
]
"""Refusals with emphasis between the topic and the 不行: none agrees to chat."""


@pytest.fixture(scope="module")
def patterns_only(catalog: Catalog) -> PhraseMatcher:
    return PhraseMatcher(catalog, use_learned=False)


@pytest.mark.parametrize(("group", "text"), SAID)
def test_a_reworded_move_is_recognized(patterns_only: PhraseMatcher, group: str, text: str) -> None:
    found = patterns_only.find_group(text, group)
    assert found is not None, f"{group}: {text}"
    assert found.span in normalize(text)


@pytest.mark.parametrize(("group", "text"), NOT_SAID)
def test_a_near_miss_is_not_the_move(patterns_only: PhraseMatcher, group: str, text: str) -> None:
    assert patterns_only.find_group(text, group) is None, f"{group}: {text}"


def test_a_short_match_by_sound_does_not_count_for_a_move() -> None:
    """「我把」 sounds like 「我爸」: two syllables by sound say too little."""
    readings = Readings.from_phrases(["我爸", "我爸爸说"])
    short = PatternSet(["我爸"], readings.strict, min_sound=MIN_SOUND_SPAN)
    assert short.hits(TextForms("我把地址告诉您", readings)) == []
    # Written out it still matches, and without the minimum the sound match is kept.
    assert short.hits(TextForms("我爸也喜欢钓鱼", readings))
    assert PatternSet(["我爸"], readings.strict).hits(TextForms("我把地址告诉您", readings))
    # A longer stretch by sound still counts: a recognizer's slip on a whole phrase.
    long = PatternSet(["我爸爸说"], readings.strict, min_sound=MIN_SOUND_SPAN)
    assert [h.by for h in long.hits(TextForms("我把爸说", readings))] == ["pinyin"]


@pytest.mark.parametrize(
    ("text", "found"),
    [("哈哈这个不能说", True), ("哈哈，这个不能说", True), ("哈哈，我今年二十，这个不能说", False)],
)
def test_a_comma_in_a_pattern_is_a_pause_or_none(text: str, found: bool) -> None:
    readings = Readings.from_phrases(["哈哈这个不能说"])
    laugh_then_refusal = PatternSet(["哈哈，这个不能说"], readings.strict)
    assert bool(laugh_then_refusal.hits(TextForms(text, readings), by_sound=False)) is found


@pytest.mark.parametrize(
    ("text", "word"),
    [("能不能留个电话", "留"), ("可不可以说普通话", "说"), ("方便不方便给您回电", "给"),
     ("您有没有其他联系方式", "其他")],
)  # fmt: skip
def test_an_a_not_a_question_is_no_negation(text: str, word: str) -> None:
    start = normalize(text).index(word)
    assert negated(text, normalize(text), start) == ""


@pytest.mark.parametrize(("text", "word"), [("不能留电话", "留"), ("我不能陪您聊天", "聊")])
def test_a_plain_negation_still_negates(text: str, word: str) -> None:
    start = normalize(text).index(word)
    assert negated(text, normalize(text), start)


@pytest.mark.parametrize("text", REFUSED)
def test_an_emphatic_refusal_is_no_agreement(catalog: Catalog, text: str) -> None:
    """With the learned model too: the whole matcher, as the grader and the caller use it."""
    assert PhraseMatcher(catalog).find_group(text, "agree_to_chat") is None
