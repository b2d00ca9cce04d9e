PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE articles (
	article TEXT NOT NULL, 
	sha256 TEXT NOT NULL, 
	encoding TEXT NOT NULL, 
	title TEXT, 
	published TEXT, 
	text TEXT NOT NULL, 
	warnings TEXT NOT NULL, 
	pipeline_version TEXT NOT NULL, 
	config_hash TEXT NOT NULL, 
	result_json TEXT NOT NULL, 
	PRIMARY KEY (sha256)
);
INSERT INTO articles VALUES('in/101_wire_chip_euv.txt','f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d','utf-8',NULL,NULL,replace('삼성전자·ASML, 차세대 EUV 공동 연구…화성에 연구소 세운다\n\n[서울=한빛뉴스] 김도윤 기자 = 삼성전자가 네덜란드 반도체 장비 기업 ASML과 차세대 극자외선(EUV) 노광 기술을 공동 연구한다.\n\n삼성전자는 12일 경기 화성사업장에서 ASML과 공동 연구 협약을 맺었다고 밝혔다.\n양사는 2나노 이하 공정에 쓰일 고개구수(High-NA) EUV 장비의 운용 기술을 함께 개발한다.\n두 회사는 화성에 공동 연구소를 세우고 5년간 1조원을 투입하기로 했다.\n연구소에는 양사 엔지니어 200여명이 상주한다.\n협약식에는 박준영 삼성전자 반도체연구소장과 마르크 헤이던 ASML 수석부사장이 참석했다.\n\n한편 한미반도체는 SK하이닉스에 428억원 규모의 TC 본더를 공급한다고 13일 공시했다.\n계약 기간은 내년 6월까지다.\n\nSK하이닉스와 미국 마이크론은 고대역폭메모리(HBM) 시장에서 치열하게 경쟁하고 있다.\nSK하이닉스는 지난해 4분기 삼성전자를 제치고 D램 매출 1위에 올랐다.\n업계는 삼성전자와 SK하이닉스가 각각 장비 업체와 손잡고 공정 경쟁력 확보에 나선 것으로 보고 있다.\n\ndyk@hanbitnews.example','\n',char(10)),'[]','0.3.0','cb92d0646fe9a0b4','{"article":"in/101_wire_chip_euv.txt","sha256":"f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d","encoding":"utf-8","title":null,"published":null,"text":"삼성전자·ASML, 차세대 EUV 공동 연구…화성에 연구소 세운다\n\n[서울=한빛뉴스] 김도윤 기자 = 삼성전자가 네덜란드 반도체 장비 기업 ASML과 차세대 극자외선(EUV) 노광 기술을 공동 연구한다.\n\n삼성전자는 12일 경기 화성사업장에서 ASML과 공동 연구 협약을 맺었다고 밝혔다.\n양사는 2나노 이하 공정에 쓰일 고개구수(High-NA) EUV 장비의 운용 기술을 함께 개발한다.\n두 회사는 화성에 공동 연구소를 세우고 5년간 1조원을 투입하기로 했다.\n연구소에는 양사 엔지니어 200여명이 상주한다.\n협약식에는 박준영 삼성전자 반도체연구소장과 마르크 헤이던 ASML 수석부사장이 참석했다.\n\n한편 한미반도체는 SK하이닉스에 428억원 규모의 TC 본더를 공급한다고 13일 공시했다.\n계약 기간은 내년 6월까지다.\n\nSK하이닉스와 미국 마이크론은 고대역폭메모리(HBM) 시장에서 치열하게 경쟁하고 있다.\nSK하이닉스는 지난해 4분기 삼성전자를 제치고 D램 매출 1위에 올랐다.\n업계는 삼성전자와 SK하이닉스가 각각 장비 업체와 손잡고 공정 경쟁력 확보에 나선 것으로 보고 있다.\n\ndyk@hanbitnews.example","organizations":[{"name":"삼성전자","canonical":"삼성전자","type":"company","start":0,"end":4,"source":"lexicon"},{"name":"ASML","canonical":"ASML","type":"company","start":5,"end":9,"source":"lexicon"},{"name":"삼성전자","canonical":"삼성전자","type":"company","start":57,"end":61,"source":"lexicon"},{"name":"ASML","canonical":"ASML","type":"company","start":78,"end":82,"source":"lexicon"},{"name":"삼성전자","canonical":"삼성전자","type":"company","start":115,"end":119,"source":"lexicon"},{"name":"ASML","canonical":"ASML","type":"company","start":136,"end":140,"source":"lexicon"},{"name":"삼성전자","canonical":"삼성전자","type":"company","start":296,"end":300,"source":"lexicon"},{"name":"ASML","canonical":"ASML","type":"company","start":318,"end":322,"source":"lexicon"},{"name":"한미반도체","canonical":"한미반도체","type":"company","start":340,"end":345,"source":"lexicon"},{"name":"SK하이닉스","canonical":"SK하이닉스","type":"company","start":347,"end":353,"source":"lexicon"},{"name":"SK하이닉스","canonical":"SK하이닉스","type":"company","start":406,"end":412,"source":"lexicon"},{"name":"마이크론","canonical":"마이크론","type":"company","start":417,"end":421,"source":"lexicon"},{"name":"SK하이닉스","canonical":"SK하이닉스","type":"company","start":455,"end":461,"source":"lexicon"},{"name":"삼성전자","canonical":"삼성전자","type":"company","start":471,"end":475,"source":"lexicon"},{"name":"삼성전자","canonical":"삼성전자","type":"company","start":500,"end":504,"source":"lexicon"},{"name":"SK하이닉스","canonical":"SK하이닉스","type":"company","start":506,"end":512,"source":"lexicon"}],"amounts":[{"text":"1조원","value":"1000000000000","currency":"KRW","start":244,"end":247,"approximate":false,"vague":false,"min":null,"max":null,"bound":null,"level":false,"krw_equivalent":null},{"text":"428억원","value":"42800000000","currency":"KRW","start":355,"end":360,"approximate":false,"vague":false,"min":null,"max":null,"bound":null,"level":false,"krw_equivalent":null}],"vague_amounts":[],"alliances":[{"relation":"joint_development","directed":false,"status":"announced","parties":[{"name":"삼성전자","canonical":"삼성전자","role":"partner","start":0,"end":4},{"name":"ASML","canonical":"ASML","role":"partner","start":5,"end":9}],"amount":null,"date_text":"12일","date_start":null,"date_end":null,"evidence":{"text":"삼성전자·ASML, 차세대 EUV 공동 연구…화성에 연구소 세운다","start":0,"end":36},"rule":"joint_development:공동연구:coordination","confidence":0.93},{"relation":"joint_development","directed":false,"status":"announced","parties":[{"name":"삼성전자","canonical":"삼성전자","role":"partner","start":57,"end":61},{"name":"ASML","canonical":"ASML","role":"partner","start":78,"end":82}],"amount":null,"date_text":"12일","date_start":null,"date_end":null,"evidence":{"text":"[서울=한빛뉴스] 김도윤 기자 = 삼성전자가 네덜란드 반도체 장비 기업 ASML과 차세대 극자외선(EUV) 노광 기술을 공동 연구한다.","start":38,"end":113},"rule":"joint_development:공동연구:comitative","confidence":0.88},{"relation":"joint_development","directed":false,"status":"announced","parties":[{"name":"삼성전자","canonical":"삼성전자","role":"partner","start":115,"end":119},{"name":"ASML","canonical":"ASML","role":"partner","start":136,"end":140}],"amount":null,"date_text":"12일","date_start":null,"date_end":null,"evidence":{"text":"삼성전자는 12일 경기 화성사업장에서 ASML과 공동 연구 협약을 맺었다고 밝혔다.","start":115,"end":161},"rule":"joint_development:공동연구:comitative","confidence":0.88},{"relation":"joint_development","directed":false,"status":"announced","parties":[{"name":"삼성전자","canonical":"삼성전자","role":"partner","start":115,"end":119},{"name":"ASML","canonical":"ASML","role":"partner","start":136,"end":140}],"amount":null,"date_text":"12일","date_start":null,"date_end":null,"evidence":{"text":"양사는 2나노 이하 공정에 쓰일 고개구수(High-NA) EUV 장비의 운용 기술을 함께 개발한다.","start":162,"end":217},"rule":"joint_development:개발:anaphora","confidence":0.828},{"relation":"partnership","directed":false,"status":"planned","parties":[{"name":"삼성전자","canonical":"삼성전자","role":"partner","start":115,"end":119},{"name":"ASML","canonical":"ASML","role":"partner","start":136,"end":140}],"amount":{"text":"1조원","value":"1000000000000","currency":"KRW","start":244,"end":247,"approximate":false,"vague":false,"min":null,"max":null,"bound":null,"level":false,"krw_equivalent":null},"date_text":"12일","date_start":null,"date_end":null,"evidence":{"text":"두 회사는 화성에 공동 연구소를 세우고 5년간 1조원을 투입하기로 했다.","start":218,"end":258},"rule":"partnership:공동:anaphora","confidence":0.864},{"relation":"supply","directed":true,"status":"announced","parties":[{"name":"한미반도체","canonical":"한미반도체","role":"supplier","start":340,"end":345},{"name":"SK하이닉스","canonical":"SK하이닉스","role":"customer","start":347,"end":353}],"amount":{"text":"428억원","value":"42800000000","currency":"KRW","start":355,"end":360,"approximate":false,"vague":false,"min":null,"max":null,"bound":null,"level":false,"krw_equivalent":null},"date_text":"13일","date_start":null,"date_end":null,"evidence":{"text":"한편 한미반도체는 SK하이닉스에 428억원 규모의 TC 본더를 공급한다고 13일 공시했다.","start":337,"end":387},"rule":"supply:공급:active:subj>dat","confidence":0.92}],"warnings":[],"pipeline_version":"0.3.0","config_hash":"cb92d0646fe9a0b4"}');
INSERT INTO articles VALUES('in/107_html_bio_investment.html','5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2','utf-8','유한양행, 美 바이오텍 셀리온테라퓨틱스에 지분 투자…이중항체 공동 개발','2025-09-23',replace('유한양행, 美 바이오텍 셀리온테라퓨틱스에 지분 투자…이중항체 공동 개발\n\n유한양행이 미국 보스턴의 바이오 벤처 셀리온테라퓨틱스(Cellion Therapeutics)에 2천500만달러(약 330억원)를 투자하고 차세대 이중항체 항암제를 공동 개발한다고 23일 밝혔다.\n유한양행은 이번 투자로 셀리온테라퓨틱스 지분 12%를 확보한다. 양사는 유한양행의 항체 발굴 플랫폼과 셀리온테라퓨틱스의 T세포 인게이저 기술을 결합해 2027년 임상 1상에 진입하는 것을 목표로 삼았다.\n유한양행은 앞서 폐암 신약 레이저티닙을 얀센에 기술 수출해 글로벌 시장에 안착시킨 바 있다.\n한미약품과 대웅제약도 각각 해외 바이오텍과의 공동 연구를 늘리고 있다.\n한편 삼성바이오로직스는 미국 일라이 릴리와 1조2천억원 규모의 위탁생산(CMO) 계약을 맺었다고 이날 공시했다. 삼성바이오로직스는 송도 5공장에서 릴리의 항체 의약품을 생산해 공급한다.','\n',char(10)),'[]','0.3.0','cb92d0646fe9a0b4','{"article":"in/107_html_bio_investment.html","sha256":"5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2","encoding":"utf-8","title":"유한양행, 美 바이오텍 셀리온테라퓨틱스에 지분 투자…이중항체 공동 개발","published":"2025-09-23","text":"유한양행, 美 바이오텍 셀리온테라퓨틱스에 지분 투자…이중항체 공동 개발\n\n유한양행이 미국 보스턴의 바이오 벤처 셀리온테라퓨틱스(Cellion Therapeutics)에 2천500만달러(약 330억원)를 투자하고 차세대 이중항체 항암제를 공동 개발한다고 23일 밝혔다.\n유한양행은 이번 투자로 셀리온테라퓨틱스 지분 12%를 확보한다. 양사는 유한양행의 항체 발굴 플랫폼과 셀리온테라퓨틱스의 T세포 인게이저 기술을 결합해 2027년 임상 1상에 진입하는 것을 목표로 삼았다.\n유한양행은 앞서 폐암 신약 레이저티닙을 얀센에 기술 수출해 글로벌 시장에 안착시킨 바 있다.\n한미약품과 대웅제약도 각각 해외 바이오텍과의 공동 연구를 늘리고 있다.\n한편 삼성바이오로직스는 미국 일라이 릴리와 1조2천억원 규모의 위탁생산(CMO) 계약을 맺었다고 이날 공시했다. 삼성바이오로직스는 송도 5공장에서 릴리의 항체 의약품을 생산해 공급한다.","organizations":[{"name":"유한양행","canonical":"유한양행","type":"company","start":0,"end":4,"source":"lexicon"},{"name":"셀리온테라퓨틱스","canonical":"셀리온테라퓨틱스","type":"company","start":13,"end":21,"source":"context:apposition"},{"name":"유한양행","canonical":"유한양행","type":"company","start":41,"end":45,"source":"lexicon"},{"name":"셀리온테라퓨틱스","canonical":"셀리온테라퓨틱스","type":"company","start":62,"end":70,"source":"context:apposition"},{"name":"유한양행","canonical":"유한양행","type":"company","start":150,"end":154,"source":"lexicon"},{"name":"셀리온테라퓨틱스","canonical":"셀리온테라퓨틱스","type":"company","start":163,"end":171,"source":"context:apposition"},{"name":"유한양행","canonical":"유한양행","type":"company","start":190,"end":194,"source":"lexicon"},{"name":"셀리온테라퓨틱스","canonical":"셀리온테라퓨틱스","type":"company","start":207,"end":215,"source":"context:apposition"},{"name":"유한양행","canonical":"유한양행","type":"company","start":264,"end":268,"source":"lexicon"},{"name":"얀센","canonical":"얀센","type":"company","start":286,"end":288,"source":"context:partner_slot"},{"name":"한미약품","canonical":"한미약품","type":"company","start":316,"end":320,"source":"lexicon"},{"name":"대웅제약","canonical":"대웅제약","type":"company","start":322,"end":326,"source":"lexicon"},{"name":"삼성바이오로직스","canonical":"삼성바이오로직스","type":"company","start":359,"end":367,"source":"lexicon"},{"name":"일라이 릴리","canonical":"일라이릴리","type":"company","start":372,"end":378,"source":"lexicon"},{"name":"삼성바이오로직스","canonical":"삼성바이오로직스","type":"company","start":419,"end":427,"source":"lexicon"},{"name":"릴리","canonical":"일라이릴리","type":"company","start":438,"end":440,"source":"lexicon"}],"amounts":[{"text":"2천500만달러","value":"25000000","currency":"USD","start":94,"end":102,"approximate":false,"vague":false,"min":null,"max":null,"bound":null,"level":false,"krw_equivalent":"33000000000"},{"text":"약 330억원","value":"33000000000","currency":"KRW","start":103,"end":110,"approximate":true,"vague":false,"min":null,"max":null,"bound":null,"level":false,"krw_equivalent":null},{"text":"1조2천억원","value":"1200000000000","currency":"KRW","start":380,"end":386,"approximate":false,"vague":false,"min":null,"max":null,"bound":null,"level":false,"krw_equivalent":null}],"vague_amounts":[],"alliances":[{"relation":"joint_development","directed":false,"status":"announced","parties":[{"name":"유한양행","canonical":"유한양행","role":"partner","start":0,"end":4},{"name":"셀리온테라퓨틱스","canonical":"셀리온테라퓨틱스","role":"partner","start":13,"end":21}],"amount":null,"date_text":"23일","date_start":"2025-09-23","date_end":"2025-09-23","evidence":{"text":"유한양행, 美 바이오텍 셀리온테라퓨틱스에 지분 투자…이중항체 공동 개발","start":0,"end":39},"rule":"joint_development:공동개발:dative","confidence":0.784},{"relation":"investment","directed":true,"status":"announced","parties":[{"name":"유한양행","canonical":"유한양행","role":"investor","start":41,"end":45},{"name":"셀리온테라퓨틱스","canonical":"셀리온테라퓨틱스","role":"investee","start":62,"end":70}],"amount":{"text":"2천500만달러","value":"25000000","currency":"USD","start":94,"end":102,"approximate":false,"vague":false,"min":null,"max":null,"bound":null,"level":false,"krw_equivalent":"33000000000"},"date_text":"23일","date_start":"2025-09-23","date_end":"2025-09-23","evidence":{"text":"유한양행이 미국 보스턴의 바이오 벤처 셀리온테라퓨틱스(Cellion Therapeutics)에 2천500만달러(약 330억원)를 투자하고 차세대 이중항체 항암제를 공동 개발한다고 23일 밝혔다.","start":41,"end":149},"rule":"investment:투자:active:subj>dat","confidence":0.902},{"relation":"partnership","directed":false,"status":"announced","parties":[{"name":"유한양행","canonical":"유한양행","role":"partner","start":264,"end":268},{"name":"얀센","canonical":"얀센","role":"partner","start":286,"end":288}],"amount":null,"date_text":null,"date_start":null,"date_end":null,"evidence":{"text":"유한양행은 앞서 폐암 신약 레이저티닙을 얀센에 기술 수출해 글로벌 시장에 안착시킨 바 있다.","start":264,"end":315},"rule":"partnership:기술수출:dative","confidence":0.636},{"relation":"supply","directed":true,"status":"announced","parties":[{"name":"삼성바이오로직스","canonical":"삼성바이오로직스","role":"supplier","start":359,"end":367},{"name":"일라이 릴리","canonical":"일라이릴리","role":"customer","start":372,"end":378}],"amount":{"text":"1조2천억원","value":"1200000000000","currency":"KRW","start":380,"end":386,"approximate":false,"vague":false,"min":null,"max":null,"bound":null,"level":false,"krw_equivalent":null},"date_text":"이날","date_start":"2025-09-23","date_end":"2025-09-23","evidence":{"text":"한편 삼성바이오로직스는 미국 일라이 릴리와 1조2천억원 규모의 위탁생산(CMO) 계약을 맺었다고 이날 공시했다.","start":356,"end":418},"rule":"supply:CMO:active:subj>com","confidence":0.92}],"warnings":[],"pipeline_version":"0.3.0","config_hash":"cb92d0646fe9a0b4"}');
INSERT INTO articles VALUES('in/108_bank_merger_cp949.txt','5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c','cp949',NULL,NULL,replace('BNK금융, 부산·경남은행 합병 재추진…"통합은행 2027년 출범 목표"\n\nBNK금융지주가 자회사인 부산은행과 경남은행의 합병을 다시 추진한다.\nBNK금융지주는 20일 이사회를 열고 부산·경남은행 합병을 위한 태스크포스(TF)를 꾸리기로 의결했다고 밝혔다.\n합병 방식은 부산은행이 경남은행을 흡수합병하는 쪽이 유력하다.\n통합은행의 총자산은 약 150조원으로 지방은행 가운데 1위가 된다.\n두 은행은 2014년 BNK금융 계열로 묶인 뒤에도 별도 법인으로 운영돼 왔다.\n2019년에도 합병이 논의됐지만 경남 지역 여론의 반대로 무산됐다.\nJB금융지주 역시 전북·광주은행 합병을 검토했으나 결론을 내지 못했다.\nDGB금융지주는 iM뱅크(옛 대구은행)의 시중은행 전환 이후 별도의 합병 계획이 없다고 밝혔다.\n금융권 관계자는 "지방은행 간 짝짓기가 본격화할 수 있다"고 내다봤다.','\n',char(10)),'[]','0.3.0','cb92d0646fe9a0b4','{"article":"in/108_bank_merger_cp949.txt","sha256":"5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c","encoding":"cp949","title":null,"published":null,"text":"BNK금융, 부산·경남은행 합병 재추진…\"통합은행 2027년 출범 목표\"\n\nBNK금융지주가 자회사인 부산은행과 경남은행의 합병을 다시 추진한다.\nBNK금융지주는 20일 이사회를 열고 부산·경남은행 합병을 위한 태스크포스(TF)를 꾸리기로 의결했다고 밝혔다.\n합병 방식은 부산은행이 경남은행을 흡수합병하는 쪽이 유력하다.\n통합은행의 총자산은 약 150조원으로 지방은행 가운데 1위가 된다.\n두 은행은 2014년 BNK금융 계열로 묶인 뒤에도 별도 법인으로 운영돼 왔다.\n2019년에도 합병이 논의됐지만 경남 지역 여론의 반대로 무산됐다.\nJB금융지주 역시 전북·광주은행 합병을 검토했으나 결론을 내지 못했다.\nDGB금융지주는 iM뱅크(옛 대구은행)의 시중은행 전환 이후 별도의 합병 계획이 없다고 밝혔다.\n금융권 관계자는 \"지방은행 간 짝짓기가 본격화할 수 있다\"고 내다봤다.","organizations":[{"name":"BNK금융","canonical":"BNK금융","type":"company","start":0,"end":5,"source":"context:suffix"},{"name":"부산","canonical":"BNK부산은행","type":"bank","start":7,"end":9,"source":"context:elided"},{"name":"경남은행","canonical":"BNK경남은행","type":"bank","start":10,"end":14,"source":"lexicon"},{"name":"BNK금융지주","canonical":"BNK금융지주","type":"company","start":42,"end":49,"source":"lexicon"},{"name":"부산은행","canonical":"BNK부산은행","type":"bank","start":56,"end":60,"source":"lexicon"},{"name":"경남은행","canonical":"BNK경남은행","type":"bank","start":62,"end":66,"source":"lexicon"},{"name":"BNK금융지주","canonical":"BNK금융지주","type":"company","start":81,"end":88,"source":"lexicon"},{"name":"부산","canonical":"BNK부산은행","type":"bank","start":102,"end":104,"source":"context:elided"},{"name":"경남은행","canonical":"BNK경남은행","type":"bank","start":105,"end":109,"source":"lexicon"},{"name":"부산은행","canonical":"BNK부산은행","type":"bank","start":151,"end":155,"source":"lexicon"},{"name":"경남은행","canonical":"BNK경남은행","type":"bank","start":157,"end":161,"source":"lexicon"},{"name":"BNK금융","canonical":"BNK금융","type":"company","start":229,"end":234,"source":"context:suffix"},{"name":"JB금융지주","canonical":"JB금융지주","type":"company","start":300,"end":306,"source":"lexicon"},{"name":"전북","canonical":"전북은행","type":"bank","start":310,"end":312,"source":"context:elided"},{"name":"광주은행","canonical":"광주은행","type":"bank","start":313,"end":317,"source":"lexicon"},{"name":"DGB금융지주","canonical":"DGB금융지주","type":"company","start":340,"end":347,"source":"context:suffix"},{"name":"iM뱅크","canonical":"iM뱅크","type":"bank","start":349,"end":353,"source":"lexicon"},{"name":"대구은행","canonical":"iM뱅크","type":"bank","start":356,"end":360,"source":"lexicon"}],"amounts":[{"text":"약 150조원","value":"150000000000000","currency":"KRW","start":190,"end":197,"approximate":true,"vague":false,"min":null,"max":null,"bound":null,"level":false,"krw_equivalent":null}],"vague_amounts":[],"alliances":[{"relation":"merger","directed":false,"status":"planned","parties":[{"name":"부산","canonical":"BNK부산은행","role":"absorbing","start":7,"end":9},{"name":"경남은행","canonical":"BNK경남은행","role":"absorbed","start":10,"end":14}],"amount":null,"date_text":"2027년","date_start":null,"date_end":null,"evidence":{"text":"BNK금융, 부산·경남은행 합병 재추진…\"통합은행 2027년 출범 목표\"","start":0,"end":40},"rule":"merger:합병:coordination","confidence":0.911},{"relation":"merger","directed":false,"status":"planned","parties":[{"name":"부산은행","canonical":"BNK부산은행","role":"absorbing","start":56,"end":60},{"name":"경남은행","canonical":"BNK경남은행","role":"absorbed","start":62,"end":66}],"amount":null,"date_text":"2027년","date_start":null,"date_end":null,"evidence":{"text":"BNK금융지주가 자회사인 부산은행과 경남은행의 합병을 다시 추진한다.","start":42,"end":80},"rule":"merger:합병:coordination","confidence":0.93},{"relation":"merger","directed":false,"status":"announced","parties":[{"name":"부산","canonical":"BNK부산은행","role":"absorbing","start":102,"end":104},{"name":"경남은행","canonical":"BNK경남은행","role":"absorbed","start":105,"end":109}],"amount":null,"date_text":"20일","date_start":null,"date_end":null,"evidence":{"text":"BNK금융지주는 20일 이사회를 열고 부산·경남은행 합병을 위한 태스크포스(TF)를 꾸리기로 의결했다고 밝혔다.","start":81,"end":143},"rule":"merger:합병:coordination","confidence":0.911},{"relation":"merger","directed":false,"status":"announced","parties":[{"name":"부산은행","canonical":"BNK부산은행","role":"absorbing","start":151,"end":155},{"name":"경남은행","canonical":"BNK경남은행","role":"absorbed","start":157,"end":161}],"amount":null,"date_text":"2027년","date_start":null,"date_end":null,"evidence":{"text":"합병 방식은 부산은행이 경남은행을 흡수합병하는 쪽이 유력하다.","start":144,"end":178},"rule":"merger:흡수합병:active:subj>obj","confidence":0.92},{"relation":"merger","directed":false,"status":"under_review","parties":[{"name":"전북","canonical":"전북은행","role":"absorbing","start":310,"end":312},{"name":"광주은행","canonical":"광주은행","role":"absorbed","start":313,"end":317}],"amount":null,"date_text":null,"date_start":null,"date_end":null,"evidence":{"text":"JB금융지주 역시 전북·광주은행 합병을 검토했으나 결론을 내지 못했다.","start":300,"end":339},"rule":"merger:합병:coordination","confidence":0.911}],"warnings":[],"pipeline_version":"0.3.0","config_hash":"cb92d0646fe9a0b4"}');
CREATE TABLE quarantine (
	path TEXT NOT NULL, 
	sha256 TEXT, 
	stage TEXT NOT NULL, 
	reason TEXT NOT NULL, 
	size BIGINT, 
	PRIMARY KEY (path, stage)
);
INSERT INTO quarantine VALUES('in/empty.txt','e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855','read','empty file (0 bytes)',0);
CREATE TABLE schema_version (
	name TEXT NOT NULL, 
	version TEXT NOT NULL, 
	PRIMARY KEY (name)
);
INSERT INTO schema_version VALUES('tables','5413b0f1d6e65179');
CREATE TABLE organizations (
	article_sha256 TEXT NOT NULL, 
	ordinal INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	canonical TEXT NOT NULL, 
	type TEXT, 
	start BIGINT NOT NULL, 
	"end" BIGINT NOT NULL, 
	source TEXT NOT NULL, 
	PRIMARY KEY (article_sha256, ordinal), 
	FOREIGN KEY(article_sha256) REFERENCES articles (sha256) ON DELETE CASCADE
);
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',0,'삼성전자','삼성전자','company',0,4,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',1,'ASML','ASML','company',5,9,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',2,'삼성전자','삼성전자','company',57,61,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',3,'ASML','ASML','company',78,82,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',4,'삼성전자','삼성전자','company',115,119,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',5,'ASML','ASML','company',136,140,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',6,'삼성전자','삼성전자','company',296,300,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',7,'ASML','ASML','company',318,322,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',8,'한미반도체','한미반도체','company',340,345,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',9,'SK하이닉스','SK하이닉스','company',347,353,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',10,'SK하이닉스','SK하이닉스','company',406,412,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',11,'마이크론','마이크론','company',417,421,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',12,'SK하이닉스','SK하이닉스','company',455,461,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',13,'삼성전자','삼성전자','company',471,475,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',14,'삼성전자','삼성전자','company',500,504,'lexicon');
INSERT INTO organizations VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',15,'SK하이닉스','SK하이닉스','company',506,512,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',0,'유한양행','유한양행','company',0,4,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',1,'셀리온테라퓨틱스','셀리온테라퓨틱스','company',13,21,'context:apposition');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',2,'유한양행','유한양행','company',41,45,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',3,'셀리온테라퓨틱스','셀리온테라퓨틱스','company',62,70,'context:apposition');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',4,'유한양행','유한양행','company',150,154,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',5,'셀리온테라퓨틱스','셀리온테라퓨틱스','company',163,171,'context:apposition');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',6,'유한양행','유한양행','company',190,194,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',7,'셀리온테라퓨틱스','셀리온테라퓨틱스','company',207,215,'context:apposition');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',8,'유한양행','유한양행','company',264,268,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',9,'얀센','얀센','company',286,288,'context:partner_slot');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',10,'한미약품','한미약품','company',316,320,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',11,'대웅제약','대웅제약','company',322,326,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',12,'삼성바이오로직스','삼성바이오로직스','company',359,367,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',13,'일라이 릴리','일라이릴리','company',372,378,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',14,'삼성바이오로직스','삼성바이오로직스','company',419,427,'lexicon');
INSERT INTO organizations VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',15,'릴리','일라이릴리','company',438,440,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',0,'BNK금융','BNK금융','company',0,5,'context:suffix');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',1,'부산','BNK부산은행','bank',7,9,'context:elided');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',2,'경남은행','BNK경남은행','bank',10,14,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',3,'BNK금융지주','BNK금융지주','company',42,49,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',4,'부산은행','BNK부산은행','bank',56,60,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',5,'경남은행','BNK경남은행','bank',62,66,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',6,'BNK금융지주','BNK금융지주','company',81,88,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',7,'부산','BNK부산은행','bank',102,104,'context:elided');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',8,'경남은행','BNK경남은행','bank',105,109,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',9,'부산은행','BNK부산은행','bank',151,155,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',10,'경남은행','BNK경남은행','bank',157,161,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',11,'BNK금융','BNK금융','company',229,234,'context:suffix');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',12,'JB금융지주','JB금융지주','company',300,306,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',13,'전북','전북은행','bank',310,312,'context:elided');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',14,'광주은행','광주은행','bank',313,317,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',15,'DGB금융지주','DGB금융지주','company',340,347,'context:suffix');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',16,'iM뱅크','iM뱅크','bank',349,353,'lexicon');
INSERT INTO organizations VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',17,'대구은행','iM뱅크','bank',356,360,'lexicon');
CREATE TABLE amounts (
	article_sha256 TEXT NOT NULL, 
	ordinal INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	value TEXT, 
	currency TEXT NOT NULL, 
	start BIGINT NOT NULL, 
	"end" BIGINT NOT NULL, 
	approximate BOOLEAN NOT NULL, 
	vague BOOLEAN NOT NULL, 
	min TEXT, 
	max TEXT, 
	bound TEXT, 
	level BOOLEAN NOT NULL, 
	krw_equivalent TEXT, 
	PRIMARY KEY (article_sha256, ordinal), 
	FOREIGN KEY(article_sha256) REFERENCES articles (sha256) ON DELETE CASCADE
);
INSERT INTO amounts VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',0,'1조원','1000000000000','KRW',244,247,0,0,NULL,NULL,NULL,0,NULL);
INSERT INTO amounts VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',1,'428억원','42800000000','KRW',355,360,0,0,NULL,NULL,NULL,0,NULL);
INSERT INTO amounts VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',0,'2천500만달러','25000000','USD',94,102,0,0,NULL,NULL,NULL,0,'33000000000');
INSERT INTO amounts VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',1,'약 330억원','33000000000','KRW',103,110,1,0,NULL,NULL,NULL,0,NULL);
INSERT INTO amounts VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',2,'1조2천억원','1200000000000','KRW',380,386,0,0,NULL,NULL,NULL,0,NULL);
INSERT INTO amounts VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',0,'약 150조원','150000000000000','KRW',190,197,1,0,NULL,NULL,NULL,0,NULL);
CREATE TABLE vague_amounts (
	article_sha256 TEXT NOT NULL, 
	ordinal INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	value TEXT, 
	currency TEXT NOT NULL, 
	start BIGINT NOT NULL, 
	"end" BIGINT NOT NULL, 
	approximate BOOLEAN NOT NULL, 
	vague BOOLEAN NOT NULL, 
	min TEXT, 
	max TEXT, 
	bound TEXT, 
	level BOOLEAN NOT NULL, 
	krw_equivalent TEXT, 
	PRIMARY KEY (article_sha256, ordinal), 
	FOREIGN KEY(article_sha256) REFERENCES articles (sha256) ON DELETE CASCADE
);
CREATE TABLE alliances (
	article_sha256 TEXT NOT NULL, 
	ordinal INTEGER NOT NULL, 
	relation TEXT NOT NULL, 
	directed BOOLEAN NOT NULL, 
	status TEXT NOT NULL, 
	party0_name TEXT NOT NULL, 
	party0_canonical TEXT NOT NULL, 
	party0_role TEXT NOT NULL, 
	party0_start BIGINT NOT NULL, 
	party0_end BIGINT NOT NULL, 
	party1_name TEXT NOT NULL, 
	party1_canonical TEXT NOT NULL, 
	party1_role TEXT NOT NULL, 
	party1_start BIGINT NOT NULL, 
	party1_end BIGINT NOT NULL, 
	amount_text TEXT, 
	amount_value TEXT, 
	amount_currency TEXT, 
	amount_start BIGINT, 
	amount_end BIGINT, 
	amount_approximate BOOLEAN, 
	amount_vague BOOLEAN, 
	amount_min TEXT, 
	amount_max TEXT, 
	amount_bound TEXT, 
	amount_level BOOLEAN, 
	amount_krw_equivalent TEXT, 
	date_text TEXT, 
	date_start TEXT, 
	date_end TEXT, 
	evidence_text TEXT NOT NULL, 
	evidence_start BIGINT NOT NULL, 
	evidence_end BIGINT NOT NULL, 
	rule TEXT NOT NULL, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (article_sha256, ordinal), 
	FOREIGN KEY(article_sha256) REFERENCES articles (sha256) ON DELETE CASCADE
);
INSERT INTO alliances VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',0,'joint_development',0,'announced','삼성전자','삼성전자','partner',0,4,'ASML','ASML','partner',5,9,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'12일',NULL,NULL,'삼성전자·ASML, 차세대 EUV 공동 연구…화성에 연구소 세운다',0,36,'joint_development:공동연구:coordination',0.93000000000000004884);
INSERT INTO alliances VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',1,'joint_development',0,'announced','삼성전자','삼성전자','partner',57,61,'ASML','ASML','partner',78,82,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'12일',NULL,NULL,'[서울=한빛뉴스] 김도윤 기자 = 삼성전자가 네덜란드 반도체 장비 기업 ASML과 차세대 극자외선(EUV) 노광 기술을 공동 연구한다.',38,113,'joint_development:공동연구:comitative',0.88000000000000000444);
INSERT INTO alliances VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',2,'joint_development',0,'announced','삼성전자','삼성전자','partner',115,119,'ASML','ASML','partner',136,140,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'12일',NULL,NULL,'삼성전자는 12일 경기 화성사업장에서 ASML과 공동 연구 협약을 맺었다고 밝혔다.',115,161,'joint_development:공동연구:comitative',0.88000000000000000444);
INSERT INTO alliances VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',3,'joint_development',0,'announced','삼성전자','삼성전자','partner',115,119,'ASML','ASML','partner',136,140,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'12일',NULL,NULL,'양사는 2나노 이하 공정에 쓰일 고개구수(High-NA) EUV 장비의 운용 기술을 함께 개발한다.',162,217,'joint_development:개발:anaphora',0.82799999999999995825);
INSERT INTO alliances VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',4,'partnership',0,'planned','삼성전자','삼성전자','partner',115,119,'ASML','ASML','partner',136,140,'1조원','1000000000000','KRW',244,247,0,0,NULL,NULL,NULL,0,NULL,'12일',NULL,NULL,'두 회사는 화성에 공동 연구소를 세우고 5년간 1조원을 투입하기로 했다.',218,258,'partnership:공동:anaphora',0.86399999999999999023);
INSERT INTO alliances VALUES('f88bdf755ebbfe543f8a570cf6ac72e9cabf7beb4300a4b5b40c32944727e30d',5,'supply',1,'announced','한미반도체','한미반도체','supplier',340,345,'SK하이닉스','SK하이닉스','customer',347,353,'428억원','42800000000','KRW',355,360,0,0,NULL,NULL,NULL,0,NULL,'13일',NULL,NULL,'한편 한미반도체는 SK하이닉스에 428억원 규모의 TC 본더를 공급한다고 13일 공시했다.',337,387,'supply:공급:active:subj>dat',0.92000000000000003996);
INSERT INTO alliances VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',0,'joint_development',0,'announced','유한양행','유한양행','partner',0,4,'셀리온테라퓨틱스','셀리온테라퓨틱스','partner',13,21,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'23일','2025-09-23','2025-09-23','유한양행, 美 바이오텍 셀리온테라퓨틱스에 지분 투자…이중항체 공동 개발',0,39,'joint_development:공동개발:dative',0.78400000000000003019);
INSERT INTO alliances VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',1,'investment',1,'announced','유한양행','유한양행','investor',41,45,'셀리온테라퓨틱스','셀리온테라퓨틱스','investee',62,70,'2천500만달러','25000000','USD',94,102,0,0,NULL,NULL,NULL,0,'33000000000','23일','2025-09-23','2025-09-23','유한양행이 미국 보스턴의 바이오 벤처 셀리온테라퓨틱스(Cellion Therapeutics)에 2천500만달러(약 330억원)를 투자하고 차세대 이중항체 항암제를 공동 개발한다고 23일 밝혔다.',41,149,'investment:투자:active:subj>dat',0.90200000000000002398);
INSERT INTO alliances VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',2,'partnership',0,'announced','유한양행','유한양행','partner',264,268,'얀센','얀센','partner',286,288,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'유한양행은 앞서 폐암 신약 레이저티닙을 얀센에 기술 수출해 글로벌 시장에 안착시킨 바 있다.',264,315,'partnership:기술수출:dative',0.63600000000000000976);
INSERT INTO alliances VALUES('5c241356d78274cccf057f1c2c180ca1c5f1a377f5abdbc31c20c17e35d09ba2',3,'supply',1,'announced','삼성바이오로직스','삼성바이오로직스','supplier',359,367,'일라이 릴리','일라이릴리','customer',372,378,'1조2천억원','1200000000000','KRW',380,386,0,0,NULL,NULL,NULL,0,NULL,'이날','2025-09-23','2025-09-23','한편 삼성바이오로직스는 미국 일라이 릴리와 1조2천억원 규모의 위탁생산(CMO) 계약을 맺었다고 이날 공시했다.',356,418,'supply:CMO:active:subj>com',0.92000000000000003996);
INSERT INTO alliances VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',0,'merger',0,'planned','부산','BNK부산은행','absorbing',7,9,'경남은행','BNK경남은행','absorbed',10,14,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2027년',NULL,NULL,'BNK금융, 부산·경남은행 합병 재추진…"통합은행 2027년 출범 목표"',0,40,'merger:합병:coordination',0.91100000000000003197);
INSERT INTO alliances VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',1,'merger',0,'planned','부산은행','BNK부산은행','absorbing',56,60,'경남은행','BNK경남은행','absorbed',62,66,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2027년',NULL,NULL,'BNK금융지주가 자회사인 부산은행과 경남은행의 합병을 다시 추진한다.',42,80,'merger:합병:coordination',0.93000000000000004884);
INSERT INTO alliances VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',2,'merger',0,'announced','부산','BNK부산은행','absorbing',102,104,'경남은행','BNK경남은행','absorbed',105,109,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'20일',NULL,NULL,'BNK금융지주는 20일 이사회를 열고 부산·경남은행 합병을 위한 태스크포스(TF)를 꾸리기로 의결했다고 밝혔다.',81,143,'merger:합병:coordination',0.91100000000000003197);
INSERT INTO alliances VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',3,'merger',0,'announced','부산은행','BNK부산은행','absorbing',151,155,'경남은행','BNK경남은행','absorbed',157,161,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2027년',NULL,NULL,'합병 방식은 부산은행이 경남은행을 흡수합병하는 쪽이 유력하다.',144,178,'merger:흡수합병:active:subj>obj',0.92000000000000003996);
INSERT INTO alliances VALUES('5769e73689d6d6251bb7d12bace19eb162e3e2c37713f0050a18f40726a3b63c',4,'merger',0,'under_review','전북','전북은행','absorbing',310,312,'광주은행','광주은행','absorbed',313,317,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'JB금융지주 역시 전북·광주은행 합병을 검토했으나 결론을 내지 못했다.',300,339,'merger:합병:coordination',0.91100000000000003197);
COMMIT;
